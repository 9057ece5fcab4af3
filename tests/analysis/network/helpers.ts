import type { Feature, LineString, Polygon } from 'geojson';
import { sinusoidalProjection } from '../../../src/analysis/local_projection';

/** Test networks are drawn in metres about (116.35° E, 40.08° N) and turned into lon/lat. */
export const projection = sinusoidalProjection(116.35);
const originY = projection.forward([116.35, 40.08])[1];

export const lonLat = (x: number, y: number) => projection.inverse([x, y + originY]);
export const planar = (x: number, y: number): [number, number] => [x, y + originY];

export function line(
  points: [number, number][],
  properties: Record<string, unknown> = {},
): Feature<LineString> {
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'LineString', coordinates: points.map(([x, y]) => lonLat(x, y)) },
  };
}

/**
 * A rectangle drawn in metres (x east, y north), its corners turned into lon/lat by `toLonLat`
 * (a drawing moved elsewhere on the helpers' projection), with a fixture's properties.
 */
export function rectangle(
  west: number,
  south: number,
  east: number,
  north: number,
  properties: Record<string, unknown> = {},
  toLonLat: (x: number, y: number) => [number, number] = lonLat,
): Feature<Polygon> {
  const ring = [
    toLonLat(west, south),
    toLonLat(east, south),
    toLonLat(east, north),
    toLonLat(west, north),
  ];
  return {
    type: 'Feature',
    properties: {
      name: '',
      kind: 'fixture',
      subdistrict: null,
      source: 'fixture',
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      ...properties,
    },
    geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
  };
}
