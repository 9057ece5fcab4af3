import { ANALYSIS_COLOURS } from '../../layers/analysis_layers';
import { LegendSwatch } from '../legend_swatch';
import { useText } from '../use_text';

type Entry = 'served' | 'gap' | 'catchment' | 'parkingGap';

const SWATCH: Record<Entry, string> = {
  served: ANALYSIS_COLOURS.served,
  gap: ANALYSIS_COLOURS.gap,
  catchment: `linear-gradient(90deg, ${ANALYSIS_COLOURS.catchments.slice(0, 4).join(', ')})`,
  parkingGap: ANALYSIS_COLOURS.gap,
};

export function AnalysisLegend({ entries }: { entries: Entry[] }) {
  const t = useText();
  return (
    <ul className="legend analysis-legend" data-testid="analysis-legend">
      {entries.map((entry) => (
        <li key={entry}>
          <LegendSwatch swatch={{ type: 'fill', colour: SWATCH[entry] }} />
          {t(`analysis.legend.${entry}`)}
        </li>
      ))}
    </ul>
  );
}
