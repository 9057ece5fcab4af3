import type { AnalysisResult, Indicator } from '../../analysis/analysis_run';
import { WHOLE_AREA_NAME } from '../../analysis/coverage_report';
import { useTableFormats } from '../analysis/format';
import { useText } from '../use_text';

/** The indicator a tab's comparison shows: schools compare the chosen level. */
function comparedIndicator(result: AnalysisResult): Indicator {
  const { tab, schoolLevel } = result.request;
  return tab === 'schools' ? schoolLevel : tab;
}

/** Two scenarios side by side: each unit's share now, and after each scenario's edits. */
export function ScenarioCompare({ result }: { result: AnalysisResult }) {
  const t = useText();
  const format = useTableFormats();
  const [a, b] = result.scenarios ?? [];
  if (!a || !b) return null;
  const indicator = comparedIndicator(result);
  return (
    <div className="scenario-compare">
      <h3>
        {t('scenario.compareTitle')} ·{' '}
        {t(
          indicator === 'parks' || indicator === 'parking'
            ? `analysis.tab.${indicator}`
            : `legend.${indicator}`,
        )}
      </h3>
      <table className="coverage-table" data-testid="scenario-compare-table">
        <thead>
          <tr>
            <th scope="col">{t('analysis.unit')}</th>
            <th scope="col" className="number">
              {t('scenario.current')}
            </th>
            {[a, b].map((s) => (
              <th scope="col" className="number" key={s.scenarioId}>
                {s.scenarioName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, i) => {
            const before = row.figures[indicator]?.share ?? null;
            return (
              <tr key={row.name} className={row.name === WHOLE_AREA_NAME ? 'whole' : undefined}>
                <th scope="row">{row.name === WHOLE_AREA_NAME ? t('area.whole') : row.name}</th>
                <td className="number">{format.share(before) ?? '—'}</td>
                {[a, b].map((s) => {
                  const after = s.rows[i]?.figures[indicator]?.share ?? null;
                  return (
                    <td className="number" key={s.scenarioId} data-after={after ?? ''}>
                      {format.share(after) ?? '—'}
                      {after !== null && before !== null && (
                        <small className="scenario-change">
                          {' '}
                          {format.shareChange(after - before)}
                        </small>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
