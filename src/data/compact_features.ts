import type { Feature, Geometry } from 'geojson';

/**
 * Features in a form that is cheap to store, send between threads and read back a slice at a
 * time: chunks of up to CHUNK_SIZE features, each with its properties as one JSON text in
 * UTF-8 bytes and its geometries as a Float64Array of [lon, lat] pairs when all are points
 * (the common big import: car parks from a spreadsheet), else as one JSON text in UTF-8.
 * Copying a typed array between threads or into IndexedDB is one block copy (and moving it
 * to another thread none), where an array of objects costs a walk over every object on the
 * thread that receives it. Bytes rather than strings: a text with Chinese names is held by
 * the engine at two bytes a character and copied as such, twice the size of its UTF-8, and a
 * string can only be copied, never moved.
 */
export interface CompactChunk {
  count: number;
  /** JSON array of the features' properties, in UTF-8 (as a string in older records). */
  properties: Uint8Array | string;
  /** [lon0, lat0, lon1, lat1, …] when every geometry of the chunk is a Point. */
  points?: Float64Array;
  /** JSON array of the geometries otherwise, in UTF-8 (as a string in older records). */
  geometries?: Uint8Array | string;
}

const utf8 = new TextEncoder();
// Fatal: bytes that are not UTF-8 are a damaged record, not text with holes in it.
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON text in the form chunks keep it. */
const jsonBytes = (value: unknown): Uint8Array => utf8.encode(JSON.stringify(value));

/** The value of JSON kept as bytes (or as text by an older record); throws on anything else. */
function readJson(kept: unknown, what: string): unknown {
  if (typeof kept === 'string') return JSON.parse(kept);
  if (kept instanceof Uint8Array) return JSON.parse(fromUtf8.decode(kept));
  throw new Error(`${what} do not match the chunk`);
}

export interface CompactFeatures {
  count: number;
  chunks: CompactChunk[];
}

/** Features per chunk: a chunk decodes in a few milliseconds, well inside one frame. */
export const CHUNK_SIZE = 5000;

export function encodeChunk(features: readonly Feature[]): CompactChunk {
  const properties = jsonBytes(features.map((f) => f.properties ?? {}));
  if (features.every((f) => f.geometry?.type === 'Point')) {
    const points = new Float64Array(features.length * 2);
    features.forEach((f, i) => {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
      points[2 * i] = lon!;
      points[2 * i + 1] = lat!;
    });
    return { count: features.length, properties, points };
  }
  return {
    count: features.length,
    properties,
    geometries: jsonBytes(features.map((f) => f.geometry)),
  };
}

export function encodeFeatures(features: readonly Feature[]): CompactFeatures {
  const chunks: CompactChunk[] = [];
  for (let i = 0; i < features.length; i += CHUNK_SIZE) {
    chunks.push(encodeChunk(features.slice(i, i + CHUNK_SIZE)));
  }
  return { count: features.length, chunks };
}

/** The properties of a chunk's features, in order; throws as `decodeChunk` does. */
export function chunkProperties(chunk: CompactChunk): unknown[] {
  const properties = readJson(chunk.properties, 'properties');
  if (!Array.isArray(properties) || properties.length !== chunk.count) {
    throw new Error('properties do not match the chunk');
  }
  return properties;
}

/**
 * The features of one chunk. Throws on a chunk that is not what encodeChunk writes (a damaged
 * record): callers treat that as damage, never as data.
 */
export function decodeChunk(chunk: CompactChunk): Feature[] {
  const properties = chunkProperties(chunk);
  const features: Feature[] = new Array<Feature>(chunk.count);
  if (chunk.points instanceof Float64Array) {
    if (chunk.points.length !== 2 * chunk.count) throw new Error('points do not match the chunk');
    for (let i = 0; i < chunk.count; i++) {
      features[i] = {
        type: 'Feature',
        properties: properties[i] as Feature['properties'],
        geometry: { type: 'Point', coordinates: [chunk.points[2 * i]!, chunk.points[2 * i + 1]!] },
      };
    }
    return features;
  }
  const geometries = readJson(chunk.geometries, 'geometries');
  if (!Array.isArray(geometries) || geometries.length !== chunk.count) {
    throw new Error('geometries do not match the chunk');
  }
  for (let i = 0; i < chunk.count; i++) {
    features[i] = {
      type: 'Feature',
      properties: properties[i] as Feature['properties'],
      geometry: geometries[i] as Geometry,
    };
  }
  return features;
}

/**
 * The buffers of the chunks' typed arrays, to transfer rather than copy between threads (each
 * once: a buffer listed twice fails the transfer).
 */
export function transferables(compact: CompactFeatures): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of compact.chunks) {
    for (const kept of [c.properties, c.points, c.geometries]) {
      if (ArrayBuffer.isView(kept)) buffers.add(kept.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

/** Lets the event loop run between slices of work, so no task holds the page for long. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The features of compact chunks, one chunk per task. */
export async function decodeFeaturesInSlices(compact: CompactFeatures): Promise<Feature[]> {
  const features: Feature[] = [];
  for (const chunk of compact.chunks) {
    for (const feature of decodeChunk(chunk)) features.push(feature);
    await yieldToPage();
  }
  return features;
}
