import type { CompletenessTable } from '../data/completeness';
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../data/layers';
import { LAYER_DEFINITIONS } from '../layers/catalog';
import { layerLegendRows } from '../layers/legend';
import { useAppStore } from '../state/store';
import { LegendSwatch } from './legend_swatch';
import { useText } from './use_text';
import { ScenarioBadge } from './scenario/scenario_badge';

/** Units where a layer's sources are incomplete, for the warning beside the layer's name. */
function incompleteUnits(table: CompletenessTable, layer: string): string[] {
  const entry = table[layer];
  if (!entry) return [];
  return Object.entries(entry.units)
    .filter(([, c]) => c.status !== 'covered')
    .map(([unit]) => unit);
}

/** Layer switcher and legend in one list: each layer with its swatches. */
export function LayerPanel({
  completeness,
  layers,
}: {
  completeness: CompletenessTable;
  layers: Partial<Record<LayerId, FeatureCollection>>;
}) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const visible = useAppStore((s) => s.visibleLayers);
  const toggle = useAppStore((s) => s.toggleLayer);
  const ordered = [...LAYER_DEFINITIONS].reverse();
  return (
    <section className="layer-panel" data-testid="layer-panel" aria-label={t('panel.layers')}>
      <h2>
        {t('panel.layers')} · {t('panel.legend')}
      </h2>
      <ScenarioBadge />
      <ul>
        {ordered.map((definition) => {
          const gaps = incompleteUnits(completeness, definition.id);
          const on = visible.includes(definition.id);
          return (
            <li key={definition.id} className={on ? 'layer on' : 'layer off'}>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  data-testid={`layer-toggle-${definition.id}`}
                  onChange={() => toggle(definition.id)}
                />
                <span className="layer-name">{t(`layer.${definition.id}`)}</span>
              </label>
              {gaps.length > 0 && (
                <p className="layer-warning" data-testid={`layer-warning-${definition.id}`}>
                  ⚠ {t('completeness.partial')}: {gaps.join(t('punct.list'))}
                </p>
              )}
              {on && (
                <ul className="legend" data-testid={`legend-${definition.id}`}>
                  {layerLegendRows(definition, layers, t, language).map((row) => (
                    <li key={row.label} data-testid="legend-row" data-colour={row.swatch.colour}>
                      <LegendSwatch swatch={row.swatch} />
                      {row.label}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('panel.hint')}</p>
    </section>
  );
}
