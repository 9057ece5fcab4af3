import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type AreaFeature = Feature<Polygon | MultiPolygon>;

/**
 * The area within `radiusMeters` of a facility (straight-line distance from its edge, the
 * official method). Turf buffers in a local azimuthal-equidistant projection around the
 * feature, which keeps radii of a few hundred metres accurate to well under 0.1%.
 */
export function serviceArea(facility: Feature, radiusMeters: number): AreaFeature {
  if (!(radiusMeters > 0)) throw new Error(`radius must be positive, got ${radiusMeters}`);
  const area = turf.buffer(facility, radiusMeters, { units: 'meters', steps: 16 });
  if (!area) throw new Error('facility has no geometry to buffer');
  return area as AreaFeature;
}
