import { type CompactFeatures, encodeFeatures, transferables } from '../data/compact_features';
import { type FeatureSummary, summariseFeatures } from '../data/feature_summary';
import type { ImportLayer } from '../data/imported_data';
import type { AppFeature } from '../data/schema';
import type { ImportPreview } from './types';

/**
 * The preview as the import worker sends it to the page: each layer's features in compact
 * form, whose typed arrays are transferred and whose texts are one block copy each. A preview
 * of 200,000 features as objects would cost the page a structured-clone walk over every
 * object in one task; this way the page never holds them until the import is confirmed, and
 * then builds them a slice at a time. With each layer goes the summary of its features (what
 * the page would otherwise walk them all for once they are confirmed).
 */
export type CompactPreview =
  | (Omit<Extract<ImportPreview, { ok: true }>, 'layers'> & {
      layers: Partial<Record<ImportLayer, CompactFeatures>>;
      summaries: Partial<Record<ImportLayer, FeatureSummary>>;
    })
  | Extract<ImportPreview, { ok: false }>;

export function compactPreview(preview: ImportPreview): CompactPreview {
  if (!preview.ok) return preview;
  const layers: Partial<Record<ImportLayer, CompactFeatures>> = {};
  const summaries: Partial<Record<ImportLayer, FeatureSummary>> = {};
  for (const [layer, features] of Object.entries(preview.layers) as [ImportLayer, AppFeature[]][]) {
    layers[layer] = encodeFeatures(features);
    summaries[layer] = summariseFeatures(features);
  }
  return { ...preview, layers, summaries };
}

/** The buffers of a compact preview, to move rather than copy to the page. */
export function previewTransferables(preview: CompactPreview): ArrayBuffer[] {
  return preview.ok ? Object.values(preview.layers).flatMap((c) => transferables(c)) : [];
}
