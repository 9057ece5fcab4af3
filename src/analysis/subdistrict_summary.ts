import { countedLevels } from '../data/school_levels';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AppFeature, AppFeatureCollection } from '../data/schema';

export interface SubdistrictSummary {
  name: string;
  /** Geodesic area of the unit's polygon (turf.area, spherical), in km². */
  areaKm2: number;
  communityNames: string[];
  parkCount: number;
  greenSpaceCount: number;
  schoolCount: number;
  healthFacilityCount: number;
}

export interface SummaryInputs {
  communities: AppFeatureCollection;
  parks: AppFeatureCollection;
  schools: AppFeatureCollection;
  healthcare: AppFeatureCollection;
}

const inUnit = (collection: AppFeatureCollection, name: string) =>
  collection.features.filter((f) => f.properties.subdistrict === name);

/**
 * What the sub-district panel shows: computed area and the facilities located in the unit
 * (parks are the green space that counts as park green space; other green is counted apart).
 *
 * @example summarizeSubdistrict(units.features[0], layers).areaKm2 // 17.49 for 东小口镇
 */
export function summarizeSubdistrict(
  unit: AppFeature<Polygon | MultiPolygon>,
  inputs: SummaryInputs,
): SubdistrictSummary {
  const name = unit.properties.name;
  const green = inUnit(inputs.parks, name);
  return {
    name,
    areaKm2: turf.area(unit) / 1e6,
    communityNames: inUnit(inputs.communities, name)
      .map((c) => c.properties.name)
      .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')),
    parkCount: green.filter((p) => p.properties.counts_as_park === true).length,
    greenSpaceCount: green.filter((p) => p.properties.counts_as_park !== true).length,
    schoolCount: inUnit(inputs.schools, name).filter(
      (s) => countedLevels(s.properties, false).length > 0,
    ).length,
    healthFacilityCount: inUnit(inputs.healthcare, name).length,
  };
}
