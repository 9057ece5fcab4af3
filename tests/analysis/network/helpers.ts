import type { Feature, LineString } from 'geojson';
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
