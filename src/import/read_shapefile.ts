import type { Feature } from 'geojson';
import { parseDbf, parseShp } from 'shpjs';
import { type LimitExceeded, exceeds, parseJsonWithinLimits } from '../data/limits';
import { InflateLimitError, unzipWithinLimit } from './bounded_unzip';
import { geojsonFeatures } from './read_geojson';

export type ShapefileRead =
  | { ok: true; features: Feature[] }
  | { ok: false; reason: 'no-shp' | 'failed'; detail: string }
  | { ok: false; reason: 'limit'; limit: LimitExceeded };

const PARTS = /\.(shp|dbf|json|prj|cpg)$/i;

/**
 * Features of a zipped shapefile. The zip is inflated here within the archive limit; shpjs
 * then reads each layer, reprojecting to WGS-84 longitude and latitude with the .prj and
 * decoding text with the .cpg. A zip with several layers yields them merged in order; a
 * GeoJSON file inside the zip counts as a layer too (as shpjs reads zips).
 */
export async function shapefileFeatures(bytes: Uint8Array): Promise<ShapefileRead> {
  if (!hasEndOfCentralDirectory(bytes)) {
    return { ok: false, reason: 'failed', detail: 'damaged or truncated zip' };
  }
  try {
    const files = await unzipWithinLimit(
      bytes,
      (name) => PARTS.test(name) && !name.includes('__MACOSX'),
    );
    const byLowerSuffix = new Map<string, Uint8Array>();
    for (const [name, content] of files) byLowerSuffix.set(lowerSuffix(name), content);
    const tooMany = shapeRecordsProblem(files);
    if (tooMany) return { ok: false, reason: 'limit', limit: tooMany };
    const features: Feature[] = [];
    let layers = 0;
    for (const name of files.keys()) {
      const base = name.slice(0, name.lastIndexOf('.'));
      const suffix = name.slice(base.length + 1).toLowerCase();
      if (suffix === 'shp') {
        layers++;
        append(features, readLayer(base, byLowerSuffix));
      } else if (suffix === 'json') {
        layers++;
        const json = parseJsonWithinLimits(text(files.get(name)!));
        if (!json.ok && json.limit) return { ok: false, reason: 'limit', limit: json.limit };
        const collection = json.ok ? geojsonFeatures(json.value) : null;
        if (!collection) throw new Error(`${name} is not GeoJSON`);
        append(features, collection);
      }
    }
    if (layers === 0) return { ok: false, reason: 'no-shp', detail: 'no layers found' };
    return { ok: true, features };
  } catch (error) {
    if (error instanceof InflateLimitError)
      return { ok: false, reason: 'limit', limit: error.problem };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'failed', detail };
  }
}

/** Appends one by one: spreading a layer into push() overflows the stack past ~125,000. */
function append(features: Feature[], layer: readonly Feature[]): void {
  for (const feature of layer) features.push(feature);
}

/**
 * The feature limit's refusal, from the record headers of every .shp in the zip, before any
 * layer is parsed into objects: a 100 MB file holds millions of points. GeoJSON layers in the
 * zip are counted after they are read.
 */
function shapeRecordsProblem(files: Map<string, Uint8Array>): LimitExceeded | null {
  let records = 0;
  for (const [name, bytes] of files) {
    if (/\.shp$/i.test(name)) records += shapeRecordCount(bytes);
  }
  return exceeds('featuresPerImport', records);
}

/**
 * Records in a .shp: after the 100-byte header, each record is an 8-byte header whose second
 * big-endian word is the content's length in 16-bit words. Stops at the file's end or at a
 * damaged header.
 */
function shapeRecordCount(shp: Uint8Array): number {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let count = 0;
  for (let at = 100; at + 8 <= shp.length; count++) {
    const words = view.getInt32(at + 4, false);
    if (words < 0) break; // damaged: parsing it will say so
    at += 8 + 2 * words;
    if (at > shp.length) break;
  }
  return count;
}

const lowerSuffix = (name: string) => {
  const dot = name.lastIndexOf('.');
  return name.slice(0, dot) + name.slice(dot).toLowerCase();
};

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function readLayer(base: string, files: Map<string, Uint8Array>): Feature[] {
  const view = (bytes: Uint8Array) =>
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prj = files.get(`${base}.prj`);
  const dbf = files.get(`${base}.dbf`);
  const cpg = files.get(`${base}.cpg`);
  const geometries = parseShp(view(files.get(`${base}.shp`)!) as never, prj && text(prj));
  const properties = dbf ? parseDbf(view(dbf) as never, (cpg && text(cpg)) as never) : [];
  return geometries.map((geometry, i) => ({
    type: 'Feature',
    geometry,
    properties: properties[i] ?? {},
  }));
}

/**
 * Whether the zip ends with its directory record, where a zip reader starts. The unzip used
 * here searches for it without a bound and never returns on a short zip that lacks it (a
 * truncated download), so such files are refused here first.
 */
export function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (
      bytes[i] === 0x50 &&
      bytes[i + 1] === 0x4b &&
      bytes[i + 2] === 0x05 &&
      bytes[i + 3] === 0x06
    ) {
      return true;
    }
  }
  return false;
}
