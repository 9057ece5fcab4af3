import type { Feature } from 'geojson';
import { parseDbf, parseShp } from 'shpjs';
import { type LimitExceeded, parseJsonWithinLimits } from '../data/limits';
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
    const features: Feature[] = [];
    let layers = 0;
    for (const name of files.keys()) {
      const base = name.slice(0, name.lastIndexOf('.'));
      const suffix = name.slice(base.length + 1).toLowerCase();
      if (suffix === 'shp') {
        layers++;
        features.push(...readLayer(base, byLowerSuffix));
      } else if (suffix === 'json') {
        layers++;
        const json = parseJsonWithinLimits(text(files.get(name)!));
        if (!json.ok && json.limit) return { ok: false, reason: 'limit', limit: json.limit };
        const collection = json.ok ? geojsonFeatures(json.value) : null;
        if (!collection) throw new Error(`${name} is not GeoJSON`);
        features.push(...collection);
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
