import type { CompactChunk } from '../data/compact_features';
import type { PointTilesRequest, PointTilesResponse } from './point_tiles.worker';
import { workerRequests } from './worker_requests';

type Result = number | ArrayBuffer | true;

/** Begins the error of a tile of a layer the worker does not hold. */
const UNKNOWN_LAYER = 'unknown layer';

const request = workerRequests<PointTilesRequest, PointTilesResponse, Result>(
  () => new Worker(new URL('./point_tiles.worker.ts', import.meta.url), { type: 'module' }),
  (response) => {
    if ('error' in response) {
      return { error: response.unknown ? `${UNKNOWN_LAYER}: ${response.error}` : response.error };
    }
    if ('tile' in response) return { value: response.tile };
    if ('count' in response) return { value: response.count };
    return { value: true };
  },
);

/** The layers loaded, by key: loaded again into a worker started afresh. */
const loaded = new Map<number, { chunks: CompactChunk[]; keep: readonly string[] }>();

/** Has the worker index a layer's points; resolves with their number. */
export function loadPointLayer(
  key: number,
  chunks: CompactChunk[],
  keep: readonly string[],
): Promise<number> {
  loaded.set(key, { chunks, keep });
  return request({ kind: 'load', key, layer: { chunks, keep } }) as Promise<number>;
}

/** The vector tile z/x/y of a layer loaded under `key`. */
export async function pointTile(
  key: number,
  z: number,
  x: number,
  y: number,
): Promise<ArrayBuffer> {
  const ask = () => request({ kind: 'tile', key, tile: [z, x, y] }) as Promise<ArrayBuffer>;
  try {
    return await ask();
  } catch (error) {
    const layer = loaded.get(key);
    if (!layer || !String(error).includes(UNKNOWN_LAYER)) throw error;
    await request({ kind: 'load', key, layer });
    return ask();
  }
}

/** Lets the worker forget a layer no map draws any more. */
export function dropPointLayer(key: number): Promise<void> {
  loaded.delete(key);
  return request({ kind: 'drop', key }).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Starts the worker ahead of its first layer (when saved imports are restored), so that its
 * own start, slow once the map is being made, does not delay that layer's first tiles.
 */
let started = false;
export function startPointTilesWorker(): void {
  if (started) return;
  started = true;
  void dropPointLayer(0);
}
