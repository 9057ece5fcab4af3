import type { LayerData } from '../data/load';
import type { LayerId } from '../data/layers';

/** The attribution every source of the visible layers requires, each named once. */
export function attributionFor(
  data: LayerData,
  visible: readonly LayerId[],
  language: 'zh' | 'en' = 'zh',
): string[] {
  const keys = new Set<string>();
  for (const layer of visible) {
    for (const feature of data.layers[layer].features) keys.add(feature.properties.source);
  }
  const texts = [...keys]
    .map((k) => {
      const source = data.sources[k];
      return language === 'en'
        ? (source?.attribution_en ?? source?.attribution)
        : source?.attribution;
    })
    .filter((t): t is string => !!t);
  return [...new Set(texts)];
}

/** MapLibre shows attribution as HTML; imported file names are text, so every one is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
