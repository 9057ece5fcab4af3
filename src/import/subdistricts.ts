import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { isSubdistrictName, type SubdistrictName } from '../data/layers';

interface Unit {
  name: SubdistrictName;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: [number, number, number, number];
}

/**
 * Finds which of the seven units holds a point. Units are read once; a bounding-box test comes
 * first so that large point files stay fast.
 */
export function createSubdistrictLocator(
  collection: FeatureCollection | undefined,
): (point: [number, number]) => SubdistrictName | null {
  const units: Unit[] = [];
  for (const feature of collection?.features ?? []) {
    const name = feature?.properties?.name;
    const type = feature?.geometry?.type;
    if (!isSubdistrictName(name) || (type !== 'Polygon' && type !== 'MultiPolygon')) continue;
    try {
      const unit = feature as Feature<Polygon | MultiPolygon>;
      units.push({ name, feature: unit, bbox: turf.bbox(unit) as Unit['bbox'] });
    } catch {
      // A broken unit cannot hold anything.
    }
  }
  return ([lon, lat]) => {
    for (const { name, feature, bbox } of units) {
      if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) continue;
      if (turf.booleanPointInPolygon([lon, lat], feature)) return name;
    }
    return null;
  };
}
