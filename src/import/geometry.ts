import * as turf from '@turf/turf';
import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { AREA_BOUNDS } from '../data/check';
import { toWgs84 } from '../data/crs';
import type { ImportCrs, ImportLayer, ProblemCode } from './types';

/** The geometries an import keeps: lines describe no facility, so they are refused everywhere. */
export type ImportGeometry = Point | Polygon | MultiPolygon;

type Pair = [number, number];

export type GeometryRead =
  { ok: true; geometry: ImportGeometry } | { ok: false; code: ProblemCode; detail?: string };

/** The geometry types GeoJSON defines. */
export const GEOJSON_GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function asPosition(value: unknown): Pair | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [x, y] = value as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? [x, y]
    : null;
}

function asRing(value: unknown): Pair[] | null {
  if (!Array.isArray(value)) return null;
  const ring: Pair[] = [];
  for (const item of value) {
    const position = asPosition(item);
    if (!position) return null;
    ring.push(position);
  }
  return ring;
}

function asRings(value: unknown): Pair[][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const rings: Pair[][] = [];
  for (const item of value) {
    const ring = asRing(item);
    if (!ring) return null;
    rings.push(ring);
  }
  return rings;
}

/**
 * A fresh 2-D copy of a geometry the target layer accepts, or the reason it is refused. The
 * input is never modified. A one-point MultiPoint (common from KML and shapefiles) becomes a
 * Point.
 */
export function readGeometry(value: unknown, layer: ImportLayer): GeometryRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'missing-geometry' };
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !GEOJSON_GEOMETRY_TYPES.has(type)) {
    return { ok: false, code: 'invalid-geometry', detail: `type ${String(type).slice(0, 40)}` };
  }
  const isPoint = type === 'Point' || type === 'MultiPoint';
  const isPolygon = type === 'Polygon' || type === 'MultiPolygon';
  if ((!isPoint && !isPolygon) || (isPoint && layer === 'residential')) {
    return { ok: false, code: 'wrong-geometry-type', detail: type };
  }
  if (type === 'Point') {
    const position = asPosition(coordinates);
    return position
      ? { ok: true, geometry: { type: 'Point', coordinates: position } }
      : { ok: false, code: 'invalid-coordinates' };
  }
  if (type === 'MultiPoint') {
    const ring = asRing(coordinates);
    if (!ring || ring.length === 0) return { ok: false, code: 'invalid-coordinates' };
    if (ring.length > 1) return { ok: false, code: 'wrong-geometry-type', detail: 'MultiPoint' };
    return { ok: true, geometry: { type: 'Point', coordinates: ring[0]! } };
  }
  if (type === 'Polygon') {
    const rings = asRings(coordinates);
    return rings
      ? { ok: true, geometry: { type: 'Polygon', coordinates: rings } }
      : { ok: false, code: 'invalid-coordinates' };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return { ok: false, code: 'invalid-coordinates' };
  }
  const polygons: Pair[][][] = [];
  for (const item of coordinates) {
    const rings = asRings(item);
    if (!rings) return { ok: false, code: 'invalid-coordinates' };
    polygons.push(rings);
  }
  return { ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

/** Applies `change` to every position of a geometry, returning a new geometry. */
export function mapPositions<G extends ImportGeometry>(geometry: G, change: (p: Pair) => Pair): G {
  const ring = (r: Position[]) => r.map((p) => change([p[0]!, p[1]!]));
  if (geometry.type === 'Point') {
    return { ...geometry, coordinates: change(geometry.coordinates as Pair) };
  }
  if (geometry.type === 'Polygon')
    return { ...geometry, coordinates: geometry.coordinates.map(ring) };
  return {
    ...geometry,
    coordinates: (geometry as MultiPolygon).coordinates.map((polygon) => polygon.map(ring)),
  };
}

export const swapPosition = (p: Pair): Pair => [p[1], p[0]];

/** Positions farther than this from the area are left as they are (and then refused). */
const CONVERSION_MARGIN = 1;

/**
 * Converts to WGS-84, rounded to 1e-7° (about 1 cm) so conversions leave no float noise. Only
 * positions near the area are converted: gcoord's GCJ-02 inverse iterates, and never ends for
 * some positions at the edge of its China box.
 */
export function convertToWgs84<G extends ImportGeometry>(geometry: G, crs: ImportCrs): G {
  return mapPositions(geometry, (p) => {
    if (!insideArea(p, CONVERSION_MARGIN)) return p;
    const [lon, lat] = toWgs84(p, crs);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  });
}

/** Margin around the area for positions before conversion (a BD-09 shift is ~0.013°). */
const RAW_MARGIN = 0.03;

export function insideArea([lon, lat]: readonly number[], margin = 0): boolean {
  return (
    lon! >= AREA_BOUNDS.west - margin &&
    lon! <= AREA_BOUNDS.east + margin &&
    lat! >= AREA_BOUNDS.south - margin &&
    lat! <= AREA_BOUNDS.north + margin
  );
}

/** The first position outside the area, or null. */
export function firstPositionOutside(geometry: ImportGeometry): Pair | null {
  for (const position of turf.coordAll(geometry)) {
    if (!insideArea(position)) return [position[0]!, position[1]!];
  }
  return null;
}

/** A raw position that only makes sense read the other way round: [40.07, 116.33]. */
export function looksSwapped(position: readonly number[]): boolean {
  return !insideArea(position, RAW_MARGIN) && insideArea([position[1]!, position[0]!], RAW_MARGIN);
}

/** A point on the geometry (inside it for polygons), for the sub-district and CRS evidence. */
export function representativePoint(geometry: ImportGeometry): Pair {
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  try {
    const point = turf.pointOnFeature(geometry).geometry.coordinates;
    if (Number.isFinite(point[0]) && Number.isFinite(point[1])) return [point[0]!, point[1]!];
  } catch {
    // Degenerate polygons: fall back to their first position.
  }
  const first = turf.coordAll(geometry)[0]!;
  return [first[0]!, first[1]!];
}

export function isPolygonal(geometry: Geometry): geometry is Polygon | MultiPolygon {
  return geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
}
