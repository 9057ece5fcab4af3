import { type CompactChunk, chunkProperties, encodeChunk } from './compact_features';
import type { LayerTextPart } from './layer_text';
import { type TilePoint, pointsTile } from './vector_tile';
import { mercatorX, mercatorY } from './web_mercator';

/**
 * Vector tiles of a large layer of points, made on demand from their positions: the map then
 * reads only the tiles it shows, each a few hundred points or clusters, where a GeoJSON source
 * of 200,000 points has MapLibre's worker read every feature, index them all for clusters and
 * tile them before the first frame (seconds on two cores, while the rest of the map waits).
 *
 * Up to CLUSTER_MAX_ZOOM the points are drawn in clusters: each tile is cut into a grid of
 * CELLS × CELLS cells, and the points of a cell become one cluster at their mean position
 * (`cluster: true`, `point_count`), or stay the point itself when alone. The grid follows the
 * tiles, so no point is in two tiles or two clusters: the counts drawn add up to the layer.
 */

/** The name of the tiles' one layer (a style layer's `source-layer`). */
export const POINT_TILES_LAYER = 'points';
/** Clusters up to this zoom (a district's view), each point past it. */
export const CLUSTER_MAX_ZOOM = 14;
/** The deepest tiles made; the map scales these up past it. */
export const POINT_TILES_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
/** Cells per side of a 512-pixel tile: cells of about 43 px, near a 40 px cluster radius. */
const CELLS = 12;
const EXTENT = 4096;
/** Web Mercator's latitude limit, where its square ends: a point past it is drawn on it. */
const MAX_LATITUDE = 85.051129;
const squareY = (lat: number) => mercatorY(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)));

/**
 * The chunks of points a layer's parts hold (see compact_features): its compact chunks as they
 * are, its feature objects encoded here; null when one of its features is not a point.
 */
export function pointChunksOf(parts: readonly LayerTextPart[]): CompactChunk[] | null {
  const chunks: CompactChunk[] = [];
  for (const part of parts) {
    const own =
      'compact' in part
        ? part.compact.chunks
        : part.features.length > 0
          ? [encodeChunk(part.features)]
          : [];
    for (const chunk of own) {
      if (!(chunk.points instanceof Float64Array)) return null;
      chunks.push(chunk);
    }
  }
  return chunks;
}

/**
 * The zoom of the buckets points are sorted into: a tile at or above it holds whole buckets,
 * one below it part of one.
 */
const BUCKET_ZOOM = CLUSTER_MAX_ZOOM;
const BUCKET_SIDE = 2 ** BUCKET_ZOOM;

export class PointTiles {
  readonly count: number;
  /** Each point's position in Web Mercator's unit square (x east, y south). */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** The points by bucket: bucket b's are order[starts[b]] to order[starts[b + 1] - 1]. */
  private readonly order: Uint32Array;
  private readonly starts: Uint32Array;
  /** Each bucket's tile at BUCKET_ZOOM. */
  private readonly bucketX: Uint32Array;
  private readonly bucketY: Uint32Array;
  /** The first point of each chunk, and a last entry for the end. */
  private readonly chunkStarts: Int32Array;
  private readonly chunks: readonly CompactChunk[];
  /** Chunks' properties, parsed when a tile first needs one of their points. */
  private readonly parsed: (Record<string, unknown>[] | undefined)[] = [];
  /** The properties a tile's points carry (the ones the map reads). */
  private readonly keep: readonly string[];

  /** `chunks` all hold points (see `pointChunksOf`). */
  constructor(chunks: readonly CompactChunk[], keep: readonly string[]) {
    this.chunks = chunks;
    this.keep = keep;
    this.count = chunks.reduce((n, c) => n + c.count, 0);
    this.x = new Float64Array(this.count);
    this.y = new Float64Array(this.count);
    this.chunkStarts = new Int32Array(chunks.length + 1);
    const bucketOf = new Uint32Array(this.count);
    const bucketIds = new Map<number, number>();
    const sizes: number[] = [];
    const tileX: number[] = [];
    const tileY: number[] = [];
    let i = 0;
    chunks.forEach((chunk, c) => {
      this.chunkStarts[c] = i;
      const positions = chunk.points!;
      for (let j = 0; j < chunk.count; j++, i++) {
        const x = (this.x[i] = mercatorX(positions[2 * j]!));
        const y = (this.y[i] = squareY(positions[2 * j + 1]!));
        const tx = Math.min(BUCKET_SIDE - 1, Math.floor(x * BUCKET_SIDE));
        const ty = Math.min(BUCKET_SIDE - 1, Math.floor(y * BUCKET_SIDE));
        const key = ty * BUCKET_SIDE + tx;
        let bucket = bucketIds.get(key);
        if (bucket === undefined) {
          bucketIds.set(key, (bucket = sizes.push(0) - 1));
          tileX.push(tx);
          tileY.push(ty);
        }
        sizes[bucket]!++;
        bucketOf[i] = bucket;
      }
    });
    this.chunkStarts[chunks.length] = i;
    // A counting sort of the points by bucket.
    this.starts = new Uint32Array(sizes.length + 1);
    sizes.forEach((size, b) => (this.starts[b + 1] = this.starts[b]! + size));
    const next = this.starts.slice(0, sizes.length);
    this.order = new Uint32Array(this.count);
    for (let id = 0; id < this.count; id++) this.order[next[bucketOf[id]!]!++] = id;
    this.bucketX = Uint32Array.from(tileX);
    this.bucketY = Uint32Array.from(tileY);
  }

  /** The tile z/x/y's bytes (empty for a tile without points). */
  tile(z: number, x: number, y: number): Uint8Array<ArrayBuffer> {
    const scale = 2 ** z;
    const ids = this.inTile(z, x, y);
    const points: TilePoint[] = [];
    const at = (id: number) => ({ x: this.x[id]! * scale - x, y: this.y[id]! * scale - y });
    if (z > CLUSTER_MAX_ZOOM) {
      for (const id of ids) {
        const p = at(id);
        points.push({ x: p.x * EXTENT, y: p.y * EXTENT, properties: this.properties(id) });
      }
      return pointsTile(POINT_TILES_LAYER, EXTENT, points);
    }
    const counts = new Int32Array(CELLS * CELLS);
    const sumX = new Float64Array(CELLS * CELLS);
    const sumY = new Float64Array(CELLS * CELLS);
    const first = new Int32Array(CELLS * CELLS);
    for (const id of ids) {
      const p = at(id);
      const cell =
        Math.min(CELLS - 1, Math.floor(p.y * CELLS)) * CELLS +
        Math.min(CELLS - 1, Math.floor(p.x * CELLS));
      if (counts[cell] === 0) first[cell] = id;
      counts[cell]!++;
      sumX[cell]! += p.x;
      sumY[cell]! += p.y;
    }
    for (let cell = 0; cell < counts.length; cell++) {
      const n = counts[cell]!;
      if (n === 0) continue;
      const properties =
        n === 1 ? this.properties(first[cell]!) : { cluster: true, point_count: n };
      points.push({ x: (sumX[cell]! / n) * EXTENT, y: (sumY[cell]! / n) * EXTENT, properties });
    }
    return pointsTile(POINT_TILES_LAYER, EXTENT, points);
  }

  /**
   * The points inside the tile, west and north edges in, east and south edges out: the points
   * of its buckets, or of the bucket it lies in that lie inside it.
   */
  private inTile(z: number, x: number, y: number): number[] {
    const ids: number[] = [];
    const shift = BUCKET_ZOOM - Math.min(z, BUCKET_ZOOM);
    const deeper = 2 ** Math.max(0, z - BUCKET_ZOOM);
    const [bx, by] = [Math.floor(x / deeper), Math.floor(y / deeper)];
    for (let b = 0; b < this.bucketX.length; b++) {
      if (this.bucketX[b]! >>> shift !== bx || this.bucketY[b]! >>> shift !== by) continue;
      for (let k = this.starts[b]!; k < this.starts[b + 1]!; k++) ids.push(this.order[k]!);
    }
    if (deeper === 1) return ids;
    const scale = 2 ** z;
    return ids.filter((id) => {
      const [px, py] = [this.x[id]! * scale, this.y[id]! * scale];
      return px >= x && px < x + 1 && py >= y && py < y + 1;
    });
  }

  private properties(id: number): Record<string, unknown> {
    // The chunk holding point `id`: the last whose start is at or before it.
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.chunkStarts[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    const parsed = (this.parsed[low] ??= chunkProperties(this.chunks[low]!).map((all) => {
      const kept: Record<string, unknown> = {};
      if (all && typeof all === 'object') {
        for (const key of this.keep) {
          if (key in all) kept[key] = (all as Record<string, unknown>)[key];
        }
      }
      return kept;
    }));
    return parsed[id - this.chunkStarts[low]!] ?? {};
  }
}
