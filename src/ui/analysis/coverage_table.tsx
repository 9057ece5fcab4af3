import type { AnalysisRow, Indicator } from '../../analysis/analysis_run';
import { WHOLE_AREA_NAME } from '../../analysis/coverage_report';
import {
  type CompletenessStatus,
  type CompletenessTable,
  indicatorCompleteness,
} from '../../data/completeness';
import { useText } from '../use_text';
import { formatKm2, formatShare, formatShareChange } from './format';

/**
 * The table of one tab: the seven units and the whole area, each indicator's share, and how
 * complete the facility data behind each figure is. Figures from incomplete data are flagged.
 */
export function CoverageTable({
  rows,
  indicators,
  completeness,
  showCoveredArea,
  scenarioRows,
}: {
  rows: AnalysisRow[];
  /** The active scenario's rows: each share then reads "before → after (change)". */
  scenarioRows?: AnalysisRow[];
  indicators: readonly Indicator[];
  completeness: CompletenessTable;
  showCoveredArea: boolean;
}) {
  const t = useText();
  const unitNames = rows.filter((r) => r.name !== WHOLE_AREA_NAME).map((r) => r.name);
  const statusOf = (row: AnalysisRow, indicator: Indicator): CompletenessStatus =>
    indicatorCompleteness(
      completeness,
      indicator,
      row.name === WHOLE_AREA_NAME ? unitNames : [row.name],
    );
  return (
    <table className="coverage-table" data-testid="analysis-table">
      {scenarioRows && <caption className="scenario-caption">{t('scenario.tableCaption')}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('analysis.unit')}</th>
          <th scope="col" className="number">
            {t('analysis.residential')}
            <br />
            <small>{t('unit.km2')}</small>
          </th>
          {showCoveredArea && (
            <th scope="col" className="number">
              {t('analysis.covered')}
              <br />
              <small>{t('unit.km2')}</small>
            </th>
          )}
          {indicators.map((indicator) => (
            <th scope="col" className="number" key={indicator}>
              {indicators.length === 1 ? t('analysis.share') : t(`legend.${indicator}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr
            key={row.name}
            data-testid="analysis-row"
            data-unit={row.name}
            className={row.name === WHOLE_AREA_NAME ? 'whole' : undefined}
          >
            <th scope="row">{row.name}</th>
            <td className="number">{formatKm2(row.residentialAreaM2)}</td>
            {showCoveredArea && (
              <td className="number" data-testid="covered-area">
                {formatKm2(row.figures[indicators[0]!]?.coveredM2) ?? '—'}
                {scenarioRows && (
                  <span className="scenario-share" data-testid="scenario-covered-area">
                    {' → '}
                    {formatKm2(scenarioRows[rowIndex]?.figures[indicators[0]!]?.coveredM2) ?? '—'}
                  </span>
                )}
              </td>
            )}
            {indicators.map((indicator) => {
              const share = formatShare(row.figures[indicator]?.share);
              const status = statusOf(row, indicator);
              const flag =
                share === null
                  ? t('analysis.noDataFlag')
                  : status !== 'covered'
                    ? t('analysis.incompleteFlag')
                    : null;
              return (
                <td
                  key={indicator}
                  className={`number share ${status}`}
                  data-indicator={indicator}
                  data-completeness={status}
                  title={flag ?? t('completeness.covered')}
                >
                  {share ?? <span className="not-measured">{t('analysis.notMeasured')}</span>}
                  {share !== null && status !== 'covered' && (
                    <span className="flag" aria-label={flag ?? undefined}>
                      {' '}
                      ⚠
                    </span>
                  )}
                  {scenarioRows && (
                    <ScenarioShare
                      before={row.figures[indicator]?.share ?? null}
                      after={scenarioRows[rowIndex]?.figures[indicator]?.share ?? null}
                    />
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "→ after (change)" beside a share; the change in percentage points. */
function ScenarioShare({ before, after }: { before: number | null; after: number | null }) {
  const t = useText();
  if (after === null) return null;
  const change = before === null ? null : after - before;
  const direction =
    change === null || Math.abs(change) < 5e-5 ? 'same' : change > 0 ? 'up' : 'down';
  return (
    <span
      className="scenario-share"
      data-testid="scenario-share"
      data-before={before ?? ''}
      data-after={after}
      data-change={change ?? ''}
    >
      {' → '}
      <strong>{formatShare(after)}</strong>
      {change !== null && (
        <span className={`scenario-change ${direction}`} title={t('scenario.changeTitle')}>
          {' '}
          {formatShareChange(change)}
        </span>
      )}
    </span>
  );
}
