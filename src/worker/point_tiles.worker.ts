/// <reference lib="webworker" />
/**
 * Makes the vector tiles of large layers of points (see src/data/point_tiles.ts), off the
 * page's thread: a layer is loaded once, from its points as its parts keep them (copied here
 * in a few block copies), and each tile made when the map asks for it.
 */
import type { CompactChunk } from '../data/compact_features';
import { PointTiles } from '../data/point_tiles';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'point tiles worker');

export interface PointTilesRequest {
  id: number;
  /** Load a layer, make one of its tiles, or forget it. */
  kind: 'load' | 'tile' | 'drop';
  key: number;
  /** The layer's points and the properties its tiles carry (for `load`). */
  layer?: { chunks: CompactChunk[]; keep: readonly string[] };
  /** The tile's z, x and y (for `tile`). */
  tile?: [number, number, number];
}

export type PointTilesResponse =
  | { id: number; count: number }
  | { id: number; tile: ArrayBuffer }
  | { id: number; dropped: true }
  /** `unknown` when the layer is not loaded here (a worker started afresh, say). */
  | { id: number; error: string; unknown?: true };

const layers = new Map<number, PointTiles>();

function answer(request: PointTilesRequest): PointTilesResponse {
  const { id, key } = request;
  if (request.kind === 'drop') {
    layers.delete(key);
    return { id, dropped: true };
  }
  if (request.kind === 'load') {
    if (!request.layer) throw new Error('no points to load');
    const tiles = new PointTiles(request.layer.chunks, request.layer.keep);
    layers.set(key, tiles);
    return { id, count: tiles.count };
  }
  const tiles = layers.get(key);
  if (!tiles || !request.tile) return { id, error: `no layer ${key} here`, unknown: true };
  const [z, x, y] = request.tile;
  return { id, tile: tiles.tile(z, x, y).buffer };
}

self.onmessage = answeringPings(self, (event: MessageEvent<PointTilesRequest>) => {
  let response: PointTilesResponse;
  try {
    response = answer(event.data);
  } catch (error) {
    response = { id: event.data.id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response, 'tile' in response ? [response.tile] : []);
});
