import type { LayerTextPart } from '../data/layer_text';
import type { LayerTextRequest, LayerTextResponse } from './layer_text.worker';
import { workerRequests } from './worker_requests';

const requestText = workerRequests<LayerTextRequest, LayerTextResponse, Blob>(
  () => new Worker(new URL('./layer_text.worker.ts', import.meta.url), { type: 'module' }),
  (response) => ('blob' in response ? { value: response.blob } : { error: response.error }),
);

/**
 * The GeoJSON text of a layer made of these pieces, written in a worker (with only the
 * properties in `keep`, when given). Compact pieces cost the page one block copy each to send;
 * feature objects a walk, so they should be few.
 */
export function layerTextBlob(parts: LayerTextPart[], keep?: readonly string[]): Promise<Blob> {
  return requestText({ parts, keep });
}
