import { PbfWriter } from 'pbf';

/**
 * A Mapbox Vector Tile (specification 2.1) of one layer of points: what MapLibre reads for a
 * vector source. Only what points need is written: each feature its tags and a single MoveTo.
 */

/** A point in tile coordinates (0 to the extent on each axis), with its properties. */
export interface TilePoint {
  x: number;
  y: number;
  properties: Readonly<Record<string, unknown>>;
}

type TileValue = string | number | boolean;

// Field numbers of vector_tile.proto.
const TILE_LAYERS = 3;
const LAYER = { name: 1, features: 2, keys: 3, values: 4, extent: 5, version: 15 };
const FEATURE = { tags: 2, type: 3, geometry: 4 };
const VALUE = { string: 1, double: 3, uint: 5, sint: 6, bool: 7 };
const POINT_TYPE = 1;
/** Command integer of one MoveTo: command id 1, count 1. */
const MOVE_TO_ONE = (1 & 0x7) | (1 << 3);

const zigZag = (n: number) => (n << 1) ^ (n >> 31);

interface LayerTables {
  keys: string[];
  values: TileValue[];
  keyIndex: Map<string, number>;
  valueIndex: Map<string, number>;
  features: { tags: number[]; x: number; y: number }[];
}

/** Values a tile can hold; others (objects, null) are left out of the feature's tags. */
function tileValue(value: unknown): TileValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function tables(points: readonly TilePoint[]): LayerTables {
  const t: LayerTables = {
    keys: [],
    values: [],
    keyIndex: new Map(),
    valueIndex: new Map(),
    features: [],
  };
  for (const point of points) {
    const tags: number[] = [];
    for (const [key, raw] of Object.entries(point.properties)) {
      const value = tileValue(raw);
      if (value === undefined) continue;
      let k = t.keyIndex.get(key);
      if (k === undefined) t.keyIndex.set(key, (k = t.keys.push(key) - 1));
      const valueKey = `${typeof value}:${String(value)}`;
      let v = t.valueIndex.get(valueKey);
      if (v === undefined) t.valueIndex.set(valueKey, (v = t.values.push(value) - 1));
      tags.push(k, v);
    }
    t.features.push({ tags, x: Math.round(point.x), y: Math.round(point.y) });
  }
  return t;
}

function writeValue(value: TileValue, pbf: PbfWriter) {
  if (typeof value === 'string') pbf.writeStringField(VALUE.string, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(VALUE.bool, value);
  else if (!Number.isSafeInteger(value)) pbf.writeDoubleField(VALUE.double, value);
  else if (value >= 0) pbf.writeVarintField(VALUE.uint, value);
  else pbf.writeSVarintField(VALUE.sint, value);
}

function writeLayer(layer: { name: string; extent: number; t: LayerTables }, pbf: PbfWriter) {
  pbf.writeVarintField(LAYER.version, 2);
  pbf.writeStringField(LAYER.name, layer.name);
  for (const feature of layer.t.features) {
    pbf.writeMessage(
      LAYER.features,
      (f: typeof feature, out: PbfWriter) => {
        if (f.tags.length > 0) out.writePackedVarint(FEATURE.tags, f.tags);
        out.writeVarintField(FEATURE.type, POINT_TYPE);
        out.writePackedVarint(FEATURE.geometry, [MOVE_TO_ONE, zigZag(f.x), zigZag(f.y)]);
      },
      feature,
    );
  }
  for (const key of layer.t.keys) pbf.writeStringField(LAYER.keys, key);
  for (const value of layer.t.values) pbf.writeMessage(LAYER.values, writeValue, value);
  pbf.writeVarintField(LAYER.extent, layer.extent);
}

/** The tile's bytes; a tile without points has no layer (an empty tile). */
export function pointsTile(
  name: string,
  extent: number,
  points: readonly TilePoint[],
): Uint8Array<ArrayBuffer> {
  const pbf = new PbfWriter();
  if (points.length > 0) {
    pbf.writeMessage(TILE_LAYERS, writeLayer, { name, extent, t: tables(points) });
  }
  // A copy of exactly the tile's bytes, in a buffer of its own (to be moved to another thread).
  return pbf.finish().slice();
}
