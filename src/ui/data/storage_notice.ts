import type { SavedRecordKind } from '../../state/storage_refused';
import type { Language } from '../../state/url_hash';
import { translate } from '../i18n';

/**
 * The notice for records the browser refused to keep, naming their kinds: "…：对导入的数据、方案
 * 和步行网络的更改仅在本次访问中有效。" / "…: changes to imports, scenarios and the walking network
 * last for this visit only."
 */
export function storageRefusedNotice(
  language: Language,
  refused: readonly SavedRecordKind[],
): string {
  const names = refused.map((kind) => translate(language, `data.storageFailed.${kind}`));
  const last = names.pop() ?? '';
  const [comma, and] = language === 'zh' ? ['、', '和'] : [', ', ' and '];
  const what = names.length === 0 ? last : `${names.join(comma)}${and}${last}`;
  return translate(language, 'data.storageFailed').replace('{what}', what);
}
