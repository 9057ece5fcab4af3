import { ANALYSIS_COLOURS } from '../../layers/analysis_layers';
import { SCENARIO_COLOURS } from '../../layers/scenario_layers';
import { useAppStore } from '../../state/store';
import { LegendSwatch } from '../legend_swatch';
import { useText } from '../use_text';

type Entry = 'served' | 'gap' | 'catchment' | 'parkingGap' | 'unknown';

const SWATCH: Record<Entry, string> = {
  served: ANALYSIS_COLOURS.served,
  gap: ANALYSIS_COLOURS.gap,
  catchment: `linear-gradient(90deg, ${ANALYSIS_COLOURS.catchments.slice(0, 4).join(', ')})`,
  parkingGap: ANALYSIS_COLOURS.gap,
  unknown: ANALYSIS_COLOURS.unknown,
};

/** The analysis layers on the map; with a scenario, also the land it serves anew or loses. */
export function AnalysisLegend({ entries }: { entries: Entry[] }) {
  const t = useText();
  const withScenario = useAppStore((s) => (s.analysisRun.result?.scenarios?.length ?? 0) > 0);
  const network = useAppStore((s) => s.analysisRun.result?.network ?? null);
  return (
    <ul className="legend analysis-legend" data-testid="analysis-legend">
      {entries.map((entry) => (
        <li key={entry}>
          <LegendSwatch
            swatch={{ type: 'fill', colour: SWATCH[entry], hatched: entry === 'unknown' }}
          />
          {t(`analysis.legend.${entry}`)}
        </li>
      ))}
      {network?.gaps && !entries.includes('catchment') && (
        <li data-testid="legend-network-gap">
          <LegendSwatch swatch={{ type: 'fill', colour: ANALYSIS_COLOURS.networkGap }} />
          {t('analysis.legend.networkGap').replace('{name}', network.source.name)}
        </li>
      )}
      {withScenario &&
        (['newlyServed', 'lostService'] as const).map((entry) => (
          <li key={entry}>
            <LegendSwatch swatch={{ type: 'fill', colour: SCENARIO_COLOURS[entry] }} />
            {t(`scenario.legend.${entry}`)}
          </li>
        ))}
    </ul>
  );
}
