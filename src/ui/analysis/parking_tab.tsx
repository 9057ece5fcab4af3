import type { AnalysisResult } from '../../analysis/analysis_run';
import type { HistogramBin } from '../../analysis/distance_histogram';
import type { CompletenessTable } from '../../data/completeness';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { AnalysisLegend } from './analysis_legend';
import { CoverageTable } from './coverage_table';
import { formatMetres } from './format';
import { ParameterInput } from './parameter_input';

export function ParkingTab({
  result,
  completeness,
}: {
  result: AnalysisResult | null;
  completeness: CompletenessTable;
}) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const parking = result?.parking ?? null;
  const whole = parking?.figures.at(-1) ?? null;
  const measured = whole?.units_measured ?? [];
  const note = completeness['car-parks'];
  return (
    <div data-testid="analysis-parking">
      <fieldset className="parameters">
        <ParameterInput parameter="parkingRadiusMeters" unit="m" />
        <p className="source-note">{t('source.parking')}</p>
      </fieldset>
      {result && measured.length === 0 && (
        <p className="no-data" data-testid="parking-no-data" role="status">
          {t('parking.noData')}
          {note && <small> {language === 'zh' ? note.note_zh : note.note}</small>}
        </p>
      )}
      {result && measured.length > 0 && measured.length < result.rows.length - 1 && (
        <p className="source-note" data-testid="parking-whole-covers">
          {t('parking.wholeCovers')}
          {measured.join('、')}
        </p>
      )}
      {result && (
        <CoverageTable
          rows={result.rows}
          scenarioRows={result.scenarios?.[0]?.rows}
          indicators={['parking']}
          completeness={completeness}
          showCoveredArea
        />
      )}
      {whole && whole.mean_distance_m !== null && (
        <dl className="facts">
          <dt>{t('parking.mean')}</dt>
          <dd>
            {formatMetres(whole.mean_distance_m)} {t('unit.m')}
          </dd>
          <dt>{t('parking.max')}</dt>
          <dd>
            {formatMetres(whole.max_distance_m)} {t('unit.m')}
          </dd>
        </dl>
      )}
      <h3>{t('parking.histogram')}</h3>
      {parking?.histogram ? (
        <Histogram bins={parking.histogram} />
      ) : (
        <p className="not-measured" data-testid="parking-histogram-empty">
          {t('parking.histogramNoData')}
        </p>
      )}
      <AnalysisLegend entries={['parkingGap']} />
    </div>
  );
}

function Histogram({ bins }: { bins: HistogramBin[] }) {
  const highest = Math.max(...bins.map((b) => b.share), 0.0001);
  return (
    <svg
      className="histogram"
      viewBox={`0 0 ${bins.length * 24} 110`}
      role="img"
      data-testid="parking-histogram"
    >
      {bins.map((bin, i) => {
        const height = (bin.share / highest) * 80;
        return (
          <g key={bin.fromM}>
            <rect x={i * 24 + 2} y={90 - height} width={20} height={height} fill="#3a9fa0">
              <title>
                {bin.toM === null ? `> ${bin.fromM}` : `${bin.fromM}–${bin.toM}`} m:{' '}
                {(bin.share * 100).toFixed(1)}%
              </title>
            </rect>
            <text x={i * 24 + 12} y={104} fontSize={8} textAnchor="middle">
              {bin.toM === null ? `>${bin.fromM}` : bin.fromM}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
