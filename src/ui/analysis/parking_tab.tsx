import type { AnalysisResult } from '../../analysis/analysis_run';
import type { HistogramBin } from '../../analysis/distance_histogram';
import type { CompletenessTable } from '../../data/completeness';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { AnalysisLegend } from './analysis_legend';
import { CoverageTable } from './coverage_table';
import { useTableFormats } from './format';
import { useFormats } from '../use_formats';
import { ParameterInput } from './parameter_input';

export function ParkingTab({
  result,
  completeness,
}: {
  result: AnalysisResult | null;
  completeness: CompletenessTable;
}) {
  const t = useText();
  const format = useTableFormats();
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
          {measured.join(t('punct.list'))}
        </p>
      )}
      {result && (
        <CoverageTable
          rows={result.rows}
          scenarioRows={result.scenarios?.[0]?.rows}
          network={result.network}
          scenarioNetwork={result.scenarios?.[0]?.network}
          indicators={['parking']}
          completeness={completeness}
          showCoveredArea
        />
      )}
      {whole && whole.mean_distance_m !== null && (
        <dl className="facts">
          <dt>{t('parking.mean')}</dt>
          <dd>
            {format.metres(whole.mean_distance_m)} {t('unit.m')}
          </dd>
          <dt>{t('parking.max')}</dt>
          <dd>
            {format.metres(whole.max_distance_m)} {t('unit.m')}
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
      <AnalysisLegend entries={['parkingGap', 'unknown']} />
    </div>
  );
}

/** Bars of the share of residential land by distance band, with labelled axes and units. */
function Histogram({ bins }: { bins: HistogramBin[] }) {
  const t = useText();
  const f = useFormats();
  const highest = Math.max(...bins.map((b) => b.share), 0.0001);
  const left = 34;
  const top = 8;
  const plot = 80;
  const width = left + bins.length * 24 + 4;
  const axisY = top + plot;
  return (
    <svg
      className="histogram"
      viewBox={`0 0 ${width} 132`}
      role="img"
      aria-label={`${t('parking.histogramY')} / ${t('parking.histogramX')}`}
      data-testid="parking-histogram"
    >
      <line x1={left} y1={top} x2={left} y2={axisY} stroke="#6b6475" strokeWidth={0.8} />
      <line x1={left} y1={axisY} x2={width - 2} y2={axisY} stroke="#6b6475" strokeWidth={0.8} />
      {[0, highest].map((value) => (
        <text
          key={value}
          x={left - 3}
          y={axisY - (value / highest) * plot + 3}
          fontSize={7}
          textAnchor="end"
        >
          {f.percent(value, 0)}
        </text>
      ))}
      <text
        x={8}
        y={top + plot / 2}
        fontSize={7}
        textAnchor="middle"
        transform={`rotate(-90 8 ${top + plot / 2})`}
        data-testid="parking-histogram-y"
      >
        {t('parking.histogramY')}
      </text>
      {bins.map((bin, i) => {
        const height = (bin.share / highest) * plot;
        const x = left + i * 24;
        return (
          <g key={bin.fromM}>
            <rect x={x + 2} y={axisY - height} width={20} height={height} fill="#3a9fa0">
              <title>
                {bin.toM === null
                  ? `> ${f.number(bin.fromM)}`
                  : `${f.number(bin.fromM)}–${f.number(bin.toM)}`}{' '}
                {t('unit.m')}: {f.percent(bin.share)}
              </title>
            </rect>
            <text x={x} y={axisY + 10} fontSize={7} textAnchor="middle">
              {f.number(bin.fromM)}
            </text>
          </g>
        );
      })}
      <text
        x={left + (bins.length * 24) / 2}
        y={128}
        fontSize={7.5}
        textAnchor="middle"
        data-testid="parking-histogram-x"
      >
        {t('parking.histogramX')}
      </text>
    </svg>
  );
}
