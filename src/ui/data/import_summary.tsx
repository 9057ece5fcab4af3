import type { CompactPreview } from '../../import/compact_preview';
import type { ImportCrs } from '../../import/types';
import { problemMessage } from '../../import/messages';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { keyOr } from '../i18n';

/** Problems listed one by one; the rest are counted. */
const LISTED_PROBLEMS = 100;

/**
 * What an import would bring: features per layer, a coordinate-system suggestion with its
 * evidence, a swapped-axes hint, what OSM tags left out, and every rejected feature or row.
 */
export function ImportSummary({
  preview,
  accepted,
  crs,
  onUseCrs,
  onSwap,
  swapAxes,
}: {
  preview: Extract<CompactPreview, { ok: true }>;
  accepted: { layer: string; count: number }[];
  crs: ImportCrs;
  onUseCrs: (crs: ImportCrs) => void;
  onSwap: () => void;
  swapAxes: boolean;
}) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const suggestion = preview.suggestedCrs;
  const metres = (crsName: ImportCrs) =>
    String(Math.round(suggestion?.evidence.medianMeters[crsName] ?? 0));
  return (
    <div className="import-summary" data-testid="import-summary">
      <p data-testid="import-accepted">
        {accepted.length === 0
          ? t('import.nothingValid')
          : t('import.willImport').replace(
              '{list}',
              accepted
                .map((a) => `${t(keyOr(`layer.${a.layer}`, 'text.unknown'))} ${a.count}`)
                .join(t('punct.comma')),
            )}
      </p>
      {suggestion && suggestion.crs !== crs && (
        <p className="notice" data-testid="import-crs-suggestion">
          {t('import.crsSuggestion')
            .replace('{off}', metres(crs))
            .replace('{crs}', suggestion.crs)
            .replace('{near}', metres(suggestion.crs))}{' '}
          <button type="button" onClick={() => onUseCrs(suggestion.crs)}>
            {t('import.useCrs').replace('{crs}', suggestion.crs)}
          </button>
        </p>
      )}
      {preview.swappedSuspected && !swapAxes && (
        <p className="notice" data-testid="import-swap-suggestion">
          {t('import.swapSuggestion')}{' '}
          <button type="button" onClick={onSwap}>
            {t('import.swapAxes')}
          </button>
        </p>
      )}
      {preview.skipped.length > 0 && (
        <p className="hint" data-testid="import-skipped">
          {t('import.skipped')}{' '}
          {preview.skipped
            .map((s) => `${t(keyOr(`import.skip.${s.reason}`, 'text.unknown'))} ${s.count}`)
            .join(t('punct.comma'))}
        </p>
      )}
      {preview.rejected.length > 0 && (
        <details open className="import-problems">
          <summary>{t('import.problems').replace('{n}', String(preview.rejected.length))}</summary>
          <ul data-testid="import-problems">
            {preview.rejected.slice(0, LISTED_PROBLEMS).map((problem, i) => (
              <li key={i}>{problemMessage(problem, language)}</li>
            ))}
          </ul>
          {preview.rejected.length > LISTED_PROBLEMS && (
            <p className="hint">
              {t('import.moreProblems').replace(
                '{n}',
                String(preview.rejected.length - LISTED_PROBLEMS),
              )}
            </p>
          )}
        </details>
      )}
    </div>
  );
}
