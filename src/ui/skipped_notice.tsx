import { useAppStore } from '../state/store';
import { useText } from './use_text';

/**
 * Saved imports and scenarios the restore left out because they failed its checks: each named,
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
          {t(record.kind === 'import' ? 'saved.skippedImport' : 'saved.skippedScenario')}
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
