import type { AnalysisRow, Indicator, IndicatorFigure } from '../../analysis/analysis_run';
import { WHOLE_AREA_NAME } from '../../analysis/coverage_report';
import {
  type CompletenessStatus,
  type CompletenessTable,
  indicatorCompleteness,
} from '../../data/completeness';
import { useText } from '../use_text';
import type { NetworkOutcome, NetworkRow } from '../../analysis/network_run';
import { useTableFormats } from './format';
import { NetworkCell, NetworkHead } from './network_cells';
import { ScenarioShare } from './scenario_share';

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
  network,
  scenarioNetwork,
}: {
  rows: AnalysisRow[];
  /** The same figures along the walking network: a column beside each share. */
  network?: NetworkOutcome | null;
  /** The active scenario's figures along the network. */
  scenarioNetwork?: NetworkRow[];
  /** The active scenario's rows: each share then reads "before → after (change)". */
  scenarioRows?: AnalysisRow[];
  indicators: readonly Indicator[];
  completeness: CompletenessTable;
  showCoveredArea: boolean;
}) {
  const t = useText();
  const format = useTableFormats();
  const unitNames = rows.filter((r) => r.name !== WHOLE_AREA_NAME).map((r) => r.name);
  // The whole area's figures are over its measured units' land only.
  const residentialOf = (row: AnalysisRow, indicator: Indicator) =>
    row.figures[indicator]?.residentialAreaM2 ?? row.residentialAreaM2;
  const statusOf = (row: AnalysisRow, indicator: Indicator): CompletenessStatus =>
    indicatorCompleteness(
      completeness,
      indicator,
      row.name === WHOLE_AREA_NAME ? unitNames : [row.name],
    );
  return (
    // With the network's columns the table can be wider than the panel: it scrolls, not the panel.
    <div className="table-scroll">
      <table className="coverage-table" data-testid="analysis-table">
        {scenarioRows && (
          <caption className="scenario-caption">{t('scenario.tableCaption')}</caption>
        )}
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
            {indicators.map((indicator) => [
              <th scope="col" className="number" key={indicator}>
                {indicators.length === 1 ? t('analysis.share') : t(`legend.${indicator}`)}
              </th>,
              network && (
                <NetworkHead
                  key={`${indicator}-network`}
                  indicator={indicator}
                  single={indicators.length === 1}
                  source={network.source}
                />
              ),
            ])}
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
              <th scope="row">
                {row.name === WHOLE_AREA_NAME ? t('area.whole') : row.name}
                {row.name === WHOLE_AREA_NAME && (
                  <WholeAreaUnits row={row} indicators={indicators} unitCount={unitNames.length} />
                )}
              </th>
              <td className="number" data-testid="residential-area">
                {/* The whole area over no measured unit has no land to show, not 0 km². */}
                {row.name === WHOLE_AREA_NAME &&
                row.residentialAreaM2 > 0 &&
                residentialOf(row, indicators[0]!) === 0
                  ? '—'
                  : format.km2(residentialOf(row, indicators[0]!))}
              </td>
              {showCoveredArea && (
                <td className="number" data-testid="covered-area">
                  {format.km2(row.figures[indicators[0]!]?.coveredM2) ?? '—'}
                  {scenarioRows && (
                    <span className="scenario-share" data-testid="scenario-covered-area">
                      {' → '}
                      {format.km2(scenarioRows[rowIndex]?.figures[indicators[0]!]?.coveredM2) ??
                        '—'}
                    </span>
                  )}
                </td>
              )}
              {indicators.map((indicator) => {
                const figure = row.figures[indicator];
                const status = statusOf(row, indicator);
                return [
                  <td
                    key={indicator}
                    className={`number share ${status}`}
                    data-indicator={indicator}
                    data-completeness={status}
                    data-no-data={figure?.noData ? 'true' : undefined}
                    data-lower-bound={figure?.lowerBound ? 'true' : undefined}
                    title={
                      figure?.noData
                        ? t('analysis.noDataFlag')
                        : figure?.lowerBound
                          ? t('analysis.lowerBoundFlag')
                          : t('completeness.covered')
                    }
                  >
                    <FigureText figure={figure} />
                    {scenarioRows && (
                      <ScenarioShare
                        before={figure?.share ?? null}
                        after={scenarioRows[rowIndex]?.figures[indicator]}
                        testId="scenario-share"
                      />
                    )}
                    <UnknownShare
                      figure={figure}
                      residentialAreaM2={residentialOf(row, indicator)}
                    />
                  </td>,
                  network && (
                    <NetworkCell
                      key={`${indicator}-network`}
                      indicator={indicator}
                      figure={network.rows[rowIndex]?.figures[indicator]}
                      after={scenarioNetwork?.[rowIndex]?.figures[indicator]}
                    />
                  ),
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A figure as the table shows it: "无数据" without data, "≥ 5.7%" as a lower bound. */
function FigureText({ figure }: { figure: IndicatorFigure | undefined }) {
  const t = useText();
  const format = useTableFormats();
  if (!figure || figure.noData) {
    return <span className="not-measured">{t('analysis.noData')}</span>;
  }
  const share = format.share(figure.share);
  if (share === null) return <span className="not-measured">{t('analysis.notMeasured')}</span>;
  return <>{figure.lowerBound ? `≥ ${share}` : share}</>;
}

/** Under a lower bound, in visible text: the share of the land whose service is unknown. */
function UnknownShare({
  figure,
  residentialAreaM2,
}: {
  figure: IndicatorFigure | undefined;
  residentialAreaM2: number;
}) {
  const t = useText();
  const format = useTableFormats();
  if (!figure || figure.noData || !figure.lowerBound) return null;
  const unknown = residentialAreaM2 > 0 ? figure.unknownM2 / residentialAreaM2 : 0;
  return (
    <small className="unknown-share" data-testid="unknown-share">
      {t('analysis.unknownShare').replace('{p}', format.share(unknown) ?? '')}
    </small>
  );
}

/** Under the whole area's name: the units its figures include. */
function WholeAreaUnits({
  row,
  indicators,
  unitCount,
}: {
  row: AnalysisRow;
  indicators: readonly Indicator[];
  unitCount: number;
}) {
  const t = useText();
  const sets = [
    ...new Set(indicators.map((k) => (row.figures[k]?.measuredUnits ?? []).join('、'))),
  ];
  const text = sets
    .map((names) => {
      const n = names === '' ? 0 : names.split('、').length;
      if (n === 0) return t('analysis.noUnits');
      if (n === unitCount) return t('analysis.allUnits').replace('{n}', String(n));
      return t('analysis.measuredUnits').replace('{units}', names);
    })
    .join(' / ');
  return (
    <small className="whole-units" data-testid="whole-area-units">
      {text}
    </small>
  );
}
