import type { SkippedRecord } from '../data/saved_work_store';

/** The kinds of saved record: imports, scenarios, the walking network, project statuses. */
export type SavedRecordKind = SkippedRecord['kind'];

/** The order the storage notice names them in. */
const NOTICE_ORDER: readonly SavedRecordKind[] = [
  'import',
  'scenario',
  'project-status',
  'network',
];

/** The kinds the browser refused to keep, with `kind` added (once, in the notice's order). */
export function withRefused(
  refused: readonly SavedRecordKind[],
  kind: SavedRecordKind,
): readonly SavedRecordKind[] {
  if (refused.includes(kind)) return refused;
  return NOTICE_ORDER.filter((k) => k === kind || refused.includes(k));
}

/** The kinds the browser refused to keep, without `kind` (now kept after all). */
export function withoutRefused(
  refused: readonly SavedRecordKind[],
  kind: SavedRecordKind,
): readonly SavedRecordKind[] {
  return refused.includes(kind) ? refused.filter((k) => k !== kind) : refused;
}
