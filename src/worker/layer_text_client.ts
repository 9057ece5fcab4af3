import type { LayerTextPart } from '../data/layer_text';
import type { LayerTextRequest, LayerTextResponse } from './layer_text.worker';

let worker: Worker | null = null;
const waiting = new Map<number, { resolve: (blob: Blob) => void; reject: (e: Error) => void }>();
let nextId = 1;

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layer_text.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LayerTextResponse>) => {
    const entry = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if ('blob' in event.data) entry?.resolve(event.data.blob);
    else entry?.reject(new Error(event.data.error));
  };
  worker.onerror = (event) => {
    for (const entry of waiting.values()) entry.reject(new Error(event.message));
    waiting.clear();
    // A worker that failed is not asked again: the next layer starts a fresh one.
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/**
 * The GeoJSON text of a layer made of these pieces, written in a worker (with only the
 * properties in `keep`, when given). Compact pieces cost the page one block copy each to send;
 * feature objects a walk, so they should be few.
 */
export function layerTextBlob(parts: LayerTextPart[], keep?: readonly string[]): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    const request: LayerTextRequest = { id, parts, keep };
    ensureWorker().postMessage(request);
  });
}
