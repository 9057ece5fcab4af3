import type { Feature, FeatureCollection } from 'geojson';
import { type CompactFeatures, decodeChunk } from './compact_features';

/**
 * A layer's features in the pieces it was composed from: features as objects (the shipped
 * data, small), or an import in the compact form it is stored in. A large layer is given to
 * the map as GeoJSON text written from these pieces off the page's thread, since handing the
 * map 200,000 objects costs the page a walk over every one of them.
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

/** As `featuresText` of the chunks' features in order, as one Blob of one piece per chunk. */
export function featuresTextBlob(
  chunks: readonly (readonly Feature[])[],
  keep?: readonly string[],
): Blob {
  return piecesTextBlob(chunks.map((features) => featuresText(features, keep)));
}

const utf8 = new TextEncoder();

/**
 * Pieces written by `featuresText`, in order, as one Blob (pieces with no features left out).
 * Each is encoded to UTF-8 first: the browser copies bytes into a Blob faster than it encodes
 * a string there.
 */
export function piecesTextBlob(pieces: readonly string[]): Blob {
  const bytes = pieces.filter((text) => text !== '').map((text) => utf8.encode(text));
  return new Blob(
    bytes.flatMap((piece, i) => (i === 0 ? [piece] : [',', piece])),
    { type: 'application/json' },
  );
}

/**
 * Texts of compact features written beforehand, where they were checked (the restore's
 * worker writes them right after its check), with the properties they hold: a layer made of
 * them needs no second pass over its features.
 */
const writtenTexts = new WeakMap<
  CompactFeatures,
  { keep: readonly string[]; text: Promise<Blob | null> }
>();

/** Records that `text` will hold the features of `compact` as `featuresText` writes them. */
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
 * The pieces of a layer's GeoJSON text (to make a Blob of) when every compact part's features
 * are already written (`written`, by part): those are used as they are, without being read,
 * and the feature parts are written here. Pieces with no features are left out.
 */
export function layerTextPieces(
  parts: readonly LayerTextPart[],
  written: ReadonlyMap<CompactFeatures, Blob>,
  keep?: readonly string[],
): (string | Blob)[] {
  const out: (string | Blob)[] = [HEAD];
  for (const part of parts) {
    const piece =
      'features' in part ? featuresText(part.features, keep) : written.get(part.compact);
    if (piece === undefined) throw new Error('a compact part has no written text');
    if ((typeof piece === 'string' ? piece.length : piece.size) === 0) continue;
    if (out.length > 1) out.push(',');
    out.push(piece);
  }
  out.push(TAIL);
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
  const parts = collection.features.length > LARGE_LAYER ? layerTextParts(collection) : undefined;
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
