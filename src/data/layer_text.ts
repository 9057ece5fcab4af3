import type { Feature, FeatureCollection, Point } from 'geojson';
import { type CompactFeatures, decodeChunk } from './compact_features';

/**
 * A layer's features in the pieces it was composed from: features as objects (the shipped
 * data, small), or an import in the compact form it is stored in. A large layer is given to
 * the map as bytes (see `featuresBytes`; GeoJSON text where the map's workers cannot read
 * them) written from these pieces off the page's thread, since handing the map 200,000
 * objects costs the page a walk over every one of them.
 */
export type LayerTextPart = { features: readonly Feature[] } | { compact: CompactFeatures };

/**
 * A layer with more features than this travels between threads in its pieces (see
 * `packCollection`) and reaches the map as text: a structured clone of 200,000 features is
 * a walk over every object, seconds in one task on the thread that sends or receives it.
 */
export const LARGE_LAYER = 20_000;

const partsOf = new WeakMap<FeatureCollection, LayerTextPart[]>();

/** Records the pieces a composed collection holds, in order. */
export function setLayerTextParts(collection: FeatureCollection, parts: LayerTextPart[]): void {
  partsOf.set(collection, parts);
}

/** The pieces of a composed collection, or undefined for one not composed from imports. */
export const layerTextParts = (collection: FeatureCollection): LayerTextPart[] | undefined =>
  partsOf.get(collection);

/**
 * How many features a collection holds, read from its pieces when it was composed from them:
 * a restored import's features are built only when first read (see `restoredFeatures`), and a
 * count need not build them.
 */
export function featureCount(collection: FeatureCollection): number {
  const parts = partsOf.get(collection);
  if (!parts) return collection.features.length;
  let count = 0;
  for (const part of parts) count += 'features' in part ? part.features.length : part.compact.count;
  return count;
}

/**
 * The GeoJSON text of the collection the pieces make, as a list of strings to be joined (one
 * per chunk, so that no single string need hold the whole layer). Every feature is written
 * as JSON.stringify writes the decoded feature, with only the properties named in `keep`
 * when it is given (the ones the map reads; a text of only those is a fraction of the size).
 */
export function layerGeoJsonText(
  parts: readonly LayerTextPart[],
  keep?: readonly string[],
): string[] {
  const out = [HEAD];
  let first = true;
  const add = (features: readonly Feature[]) => {
    if (features.length === 0) return;
    const text = featuresText(features, keep);
    out.push(first ? text : `,${text}`);
    first = false;
  };
  for (const part of parts) {
    if ('features' in part) add(part.features);
    else for (const chunk of part.compact.chunks) add(decodeChunk(chunk));
  }
  out.push(TAIL);
  return out;
}

const HEAD = '{"type":"FeatureCollection","features":[';
const TAIL = ']}';

/**
 * The features as the members of a GeoJSON features array, comma-separated without the
 * brackets: one piece of a layer's text (see `layerGeoJsonText`). Empty for no features.
 */
export function featuresText(features: readonly Feature[], keep?: readonly string[]): string {
  if (features.length === 0) return '';
  return JSON.stringify(keep ? features.map((f) => withOnly(f, keep)) : features).slice(1, -1);
}

/**
 * The type of a layer's bytes: what MapLibre's worker reads (public/maplibre-layer-bytes.mjs)
 * in place of the GeoJSON text of a large layer, for less to write and to parse. A layer's
 * bytes are pieces one after the other, each written by `featuresBytes`.
 */
export const LAYER_BYTES_TYPE = 'application/vnd.huitian-map.layer';

/** A piece holding features as a JSON array; one holding points, their properties so. */
const FEATURES_PIECE = 0;
const POINTS_PIECE = 1;
const HEADER_BYTES = 16;

const utf8 = new TextEncoder();

/**
 * The features as one piece of a layer's bytes (none for no features): four 32-bit words
 * (the kind of piece, the features, the bytes of JSON, the bytes of positions), the JSON in
 * UTF-8 padded to 8 bytes, then the positions as 64-bit floats. When every feature is a
 * point, the JSON holds only their properties and the positions go as [lon, lat] pairs: the
 * numbers are most of a point layer's GeoJSON text, and the most costly to write and parse.
 * Otherwise the JSON is the features' array. Only the properties in `keep`, when given.
 */
export function featuresBytes(
  features: readonly Feature[],
  keep?: readonly string[],
): Uint8Array<ArrayBuffer>[] {
  if (features.length === 0) return [];
  const slim = keep ? features.map((f) => withOnly(f, keep)) : features;
  const allPoints = features.every((f) => f.geometry?.type === 'Point');
  const json = utf8.encode(JSON.stringify(allPoints ? slim.map((f) => f.properties) : slim));
  const padding = (8 - (json.length % 8)) % 8;
  const positions = allPoints ? new Float64Array(2 * features.length) : new Float64Array(0);
  if (allPoints) {
    features.forEach((f, i) => {
      const [lon, lat] = (f.geometry as Point).coordinates;
      positions[2 * i] = lon!;
      positions[2 * i + 1] = lat!;
    });
  }
  const header = new Uint32Array([
    allPoints ? POINTS_PIECE : FEATURES_PIECE,
    features.length,
    json.length,
    positions.byteLength,
  ]);
  return [
    new Uint8Array(header.buffer, 0, HEADER_BYTES),
    json,
    new Uint8Array(padding),
    new Uint8Array(positions.buffer),
  ];
}

/** Pieces written by `featuresBytes`, in order, as one Blob of a layer's bytes. */
export function bytesBlob(pieces: readonly (readonly Uint8Array<ArrayBuffer>[])[]): Blob {
  return new Blob(pieces.flat(), { type: LAYER_BYTES_TYPE });
}

/** As `featuresBytes` of the chunks' features in order, as one Blob of a piece per chunk. */
export function featuresBytesBlob(
  chunks: readonly (readonly Feature[])[],
  keep?: readonly string[],
): Blob {
  return bytesBlob(chunks.map((features) => featuresBytes(features, keep)));
}

/** The bytes of the layer the parts make (see `featuresBytes`), a piece per chunk. */
export function layerBytes(
  parts: readonly LayerTextPart[],
  keep?: readonly string[],
): Uint8Array<ArrayBuffer>[] {
  const out: Uint8Array<ArrayBuffer>[] = [];
  for (const part of parts) {
    if ('features' in part) out.push(...featuresBytes(part.features, keep));
    else
      for (const chunk of part.compact.chunks) out.push(...featuresBytes(decodeChunk(chunk), keep));
  }
  return out;
}

/**
 * The bytes (see `featuresBytes`) of compact features written beforehand, where they were
 * checked or built (the restore's worker, the import's), with the properties they hold: a
 * layer made of them needs no second pass over its features.
 */
const writtenTexts = new WeakMap<
  CompactFeatures,
  { keep: readonly string[]; text: Promise<Blob | null> }
>();

/** Records that `text` will hold the features of `compact` as `featuresBytesBlob` writes them. */
export function setWrittenText(
  compact: CompactFeatures,
  keep: readonly string[],
  text: Promise<Blob | null>,
): void {
  writtenTexts.set(compact, { keep, text });
}

/** The text written beforehand for these features with these properties, if any. */
export function writtenText(
  compact: CompactFeatures,
  keep: readonly string[],
): Promise<Blob | null> | undefined {
  const written = writtenTexts.get(compact);
  const same =
    written?.keep.length === keep.length && written.keep.every((name, i) => name === keep[i]);
  return same ? written.text : undefined;
}

/**
 * The pieces of a layer's bytes (to make a Blob of) when every compact part's features are
 * already written (`written`, by part, see `featuresBytesBlob`): those are used as they are,
 * without being read, and the feature parts are written here.
 */
export function layerBytesPieces(
  parts: readonly LayerTextPart[],
  written: ReadonlyMap<CompactFeatures, Blob>,
  keep?: readonly string[],
): (Uint8Array<ArrayBuffer> | Blob)[] {
  const out: (Uint8Array<ArrayBuffer> | Blob)[] = [];
  for (const part of parts) {
    if ('features' in part) {
      out.push(...featuresBytes(part.features, keep));
      continue;
    }
    const piece = written.get(part.compact);
    if (piece === undefined) throw new Error('a compact part has no written bytes');
    out.push(piece);
  }
  return out;
}

function withOnly(feature: Feature, keep: readonly string[]): Feature {
  const from = feature.properties ?? {};
  const properties: Record<string, unknown> = {};
  for (const key of keep) if (key in from) properties[key] = from[key];
  return { type: 'Feature', properties, geometry: feature.geometry };
}

/** A collection as sent to a worker: a large one composed of imports goes as its pieces. */
export type PackedCollection<C extends FeatureCollection = FeatureCollection> =
  C | { packed: LayerTextPart[] };

export function packCollection<C extends FeatureCollection>(collection: C): PackedCollection<C> {
  const parts = featureCount(collection) > LARGE_LAYER ? layerTextParts(collection) : undefined;
  return parts ? { packed: parts } : collection;
}

/** The collection a packed one stands for, its features decoded in order. */
export function unpackCollection<C extends FeatureCollection>(packed: PackedCollection<C>): C {
  if (!('packed' in packed)) return packed;
  const features: Feature[] = [];
  for (const part of packed.packed) {
    if ('features' in part) features.push(...part.features);
    else for (const chunk of part.compact.chunks) features.push(...decodeChunk(chunk));
  }
  return { type: 'FeatureCollection', features } as unknown as C;
}
