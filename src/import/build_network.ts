import type { Feature, Geometry, Position } from 'geojson';
import type { NetworkReport } from '../analysis/network/build';
import type { NetworkEdges } from '../analysis/network/edges';
import { importNetwork } from '../analysis/network/from_file';
import { toWgs84 } from '../data/crs';
import { DEFAULT_SNAP_TOLERANCE_M, isSnapTolerance } from '../data/limits';
import { insideArea } from './geometry';
import type { ImportCrs, ImportProblem, ProgressCallback, ReadResult } from './types';

/** A walking network larger than this is refused (the whole area's OSM network is ~60,000). */
export const MAX_NETWORK_EDGES = 400_000;

export type NetworkPreview =
  | {
      ok: true;
      edges: NetworkEdges;
      report: NetworkReport;
      lengthM: number;
      /** The snap tolerance the plain lines were joined with, metres; absent for OSM ways. */
      snapToleranceM?: number;
    }
  | { ok: false; error: ImportProblem };

const convert = (crs: ImportCrs) => (p: Position) => {
  // Only positions near the area are converted (see convertToWgs84).
  if (crs === 'WGS-84' || !insideArea(p, 1)) return p;
  const [lon, lat] = toWgs84([p[0]!, p[1]!], crs);
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
};

function convertLines(
  geometry: Geometry | null,
  change: (p: Position) => Position,
): Geometry | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(change) };
    case 'MultiLineString':
    case 'Polygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((l) => l.map(change)),
      } as Geometry;
    case 'MultiPolygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((p) => p.map((l) => l.map(change))),
      };
    default:
      return null;
  }
}

/**
 * The walking network of the last file read: OSM ways by their tags, other lines as drawn
 * (see src/analysis/network/build.ts), joined within `snapToleranceM`. Refused when the
 * tolerance is outside its limits (this is its gate), when the file has no walkable line,
 * none inside the area, or more than MAX_NETWORK_EDGES edges.
 */
export function buildNetworkImport(
  read: ReadResult,
  crs: ImportCrs,
  snapToleranceM: number = DEFAULT_SNAP_TOLERANCE_M,
  progress?: ProgressCallback,
): NetworkPreview {
  if (!isSnapTolerance(snapToleranceM)) {
    return { ok: false, error: { code: 'invalid-snap-tolerance', detail: String(snapToleranceM) } };
  }
  if (!read.ok) return { ok: false, error: read.error };
  if (read.kind !== 'features')
    return { ok: false, error: { code: 'wrong-geometry-type', detail: 'table' } };
  const change = convert(crs);
  const features: Feature[] = read.features.flatMap((f) => {
    const geometry = convertLines(f.geometry, change);
    return geometry ? [{ ...f, geometry }] : [];
  });
  if (features.length === 0)
    return { ok: false, error: { code: 'wrong-geometry-type', detail: 'no lines' } };
  const kind = read.format === 'osm-xml' || read.format === 'overpass-json' ? 'osm' : 'lines';
  const network = importNetwork(features, kind, snapToleranceM, progress);
  const count = network.edges.features.length;
  if (count === 0)
    return { ok: false, error: { code: 'no-features', detail: 'no walkable lines' } };
  if (count > MAX_NETWORK_EDGES) {
    return {
      ok: false,
      error: { code: 'file-too-large', detail: `${count} > ${MAX_NETWORK_EDGES} edges` },
    };
  }
  const inside = network.edges.features.some((e) =>
    e.geometry.coordinates.some((p) => insideArea(p)),
  );
  if (!inside) return { ok: false, error: { code: 'outside-area' } };
  return { ok: true, ...network, ...(kind === 'lines' ? { snapToleranceM } : {}) };
}
