import { sourcesOfCollections } from '../data/feature_summary';
import type { LayerData } from '../data/load';
import type { LayerId } from '../data/layers';

/** The attribution every source of the visible layers requires, each named once. */
export function attributionFor(
  data: LayerData,
  visible: readonly LayerId[],
  language: 'zh' | 'en' = 'zh',
): string[] {
  // The sources a layer's features name are found once per collection (or come with an
  // import): the attribution is asked for again at every change of the visible layers or the
  // language, and a layer with 200,000 imported features is a walk over every one of them.
  const keys = sourcesOfCollections(visible.map((layer) => data.layers[layer]));
  const texts = keys
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
