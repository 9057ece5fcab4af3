import type { CompactFeatures } from '../data/compact_features';
import {
  LAYER_BYTES_TYPE,
  type LayerTextPart,
  layerBytesPieces,
  writtenText,
} from '../data/layer_text';
import type { LayerTextRequest, LayerTextResponse } from './layer_text.worker';
import { workerRequests } from './worker_requests';

const requestText = workerRequests<LayerTextRequest, LayerTextResponse, Blob>(
  () => new Worker(new URL('./layer_text.worker.ts', import.meta.url), { type: 'module' }),
  (response) => ('blob' in response ? { value: response.blob } : { error: response.error }),
);

/** Feature objects the page writes itself when the compact parts' texts are written. */
const FEW_FEATURES = 2000;

/**
 * The bytes of a layer made of these pieces (see `featuresBytes`; its GeoJSON text when asked
 * for `json`), with only the properties in `keep`, when given. When every compact piece's
 * bytes were written already (by the restore's or the import's worker), the page joins them
 * without reading them; else a worker writes the layer. Compact pieces cost the page one block
 * copy each to send; feature objects a walk, so they should be few.
 */
export async function layerTextBlob(
  parts: LayerTextPart[],
  keep?: readonly string[],
  json = false,
): Promise<Blob> {
  const written = !json && keep && (await writtenTexts(parts, keep));
  if (written) return new Blob(layerBytesPieces(parts, written, keep), { type: LAYER_BYTES_TYPE });
  return requestText({ parts, keep, json });
}

/** The written text of every compact part, or null when one has none (or too many objects). */
async function writtenTexts(
  parts: readonly LayerTextPart[],
  keep: readonly string[],
): Promise<Map<CompactFeatures, Blob> | null> {
  let objects = 0;
  const pending: [CompactFeatures, Promise<Blob | null>][] = [];
  for (const part of parts) {
    if ('features' in part) objects += part.features.length;
    else {
      const text = writtenText(part.compact, keep);
      if (!text) return null;
      pending.push([part.compact, text]);
    }
  }
  if (pending.length === 0 || objects > FEW_FEATURES) return null;
  const written = new Map<CompactFeatures, Blob>();
  for (const [compact, text] of pending) {
    const blob = await text;
    if (!blob) return null;
    written.set(compact, blob);
  }
  return written;
}
