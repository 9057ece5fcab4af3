import type { SkippedRecord } from '../data/saved_work_store';
import { useAppStore } from '../state/store';
import type { StringKey } from './i18n';
import { useText } from './use_text';

const LABEL: Record<SkippedRecord['kind'], StringKey> = {
  import: 'saved.skippedImport',
  scenario: 'saved.skippedScenario',
  network: 'saved.skippedNetwork',
  'project-status': 'saved.skippedStatus',
};

/**
 * Saved imports, scenarios, the walking network and project statuses the restore left out because they failed its checks: each named,
 * with why (on hover), and removable, so a damaged record never stands in the planner's way.
 */
export function SkippedNotice() {
  const t = useText();
  const skipped = useAppStore((s) => s.skippedRecords);
  const remove = useAppStore((s) => s.removeSkippedRecord);
  if (skipped.length === 0) return null;
  return (
    <ul className="link-notice skipped-notice" role="status" data-testid="skipped-notice">
      {skipped.map((record) => (
        <li key={record.key} title={record.reason} data-testid="skipped-record">
          {t(LABEL[record.kind])}
          {record.name}
          <button
            type="button"
            data-testid="skipped-remove"
            onClick={() => {
              if (window.confirm(t('saved.confirmRemove').replace('{name}', record.name))) {
                void remove(record.key);
              }
            }}
          >
            {t('data.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
