import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { isSubdistrictName } from '../../src/data/layers';
import type { AppFeature } from '../../src/data/schema';
import { type Areal, locateSubdistrict, roundCoordinates } from './geometry';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

/** English names of the seven units, for the English UI. */
const SUBDISTRICT_NAMES_EN: Record<string, string> = {
  回龙观街道: 'Huilongguan Subdistrict',
  龙泽园街道: 'Longzeyuan Subdistrict',
  史各庄街道: 'Shigezhuang Subdistrict',
  霍营街道: 'Huoying Subdistrict',
  天通苑北街道: 'Tiantongyuan North Subdistrict',
  天通苑南街道: 'Tiantongyuan South Subdistrict',
  东小口镇: 'Dongxiaokou Town',
};

/** The seven sub-district polygons with their computed area. */
export function buildSubdistricts(raw: Raw): AppFeature<Polygon | MultiPolygon>[] {
  return raw.features.map((feature) => {
    const name = String(feature.properties.jd_name);
    if (!isSubdistrictName(name)) throw new Error(`unexpected sub-district ${name}`);
    const geometry = roundCoordinates(feature.geometry as Polygon | MultiPolygon);
    const areaKm2 = turf.area(geometry) / 1e6;
    return {
      type: 'Feature',
      geometry,
      properties: {
        id: `subdistrict-${String(feature.properties.jd_id)}`,
        name,
        name_en: SUBDISTRICT_NAMES_EN[name],
        kind: name.endsWith('镇') ? 'town' : 'subdistrict',
        adcode: String(feature.properties.jd_id),
        subdistrict: name,
        area_km2: Math.round(areaKm2 * 1000) / 1000,
        source: 'huitian-boundaries',
        source_crs: 'WGS-84',
        accuracy: 'surveyed',
      },
    };
  });
}

/** Community (社区/村) polygons, located in a sub-district by position. */
export function buildCommunities(
  raw: Raw,
  subdistricts: FeatureCollection<Polygon | MultiPolygon, { name: string }>,
): AppFeature<Polygon | MultiPolygon>[] {
  return raw.features.map((feature) => {
    const geometry = roundCoordinates(feature.geometry as Polygon | MultiPolygon);
    const located = locateSubdistrict({ type: 'Feature', geometry, properties: {} }, subdistricts);
    const reported = String(feature.properties.jd_name);
    return {
      type: 'Feature',
      geometry,
      properties: {
        id: `community-${String(feature.properties.sq_id)}`,
        name: String(feature.properties.sq_name),
        kind: String(feature.properties.sq_name).endsWith('村') ? 'village' : 'community',
        subdistrict: located ?? (isSubdistrictName(reported) ? reported : null),
        subdistrict_reported: reported,
        area_m2: Math.round(turf.area(geometry)),
        source: 'huitian-boundaries',
        source_crs: 'WGS-84',
        accuracy: 'surveyed',
      },
    };
  });
}

/** The union of the seven units, and that union grown by `marginMeters`. */
export function buildStudyArea(
  subdistricts: AppFeature<Polygon | MultiPolygon>[],
  marginMeters: number,
): { area: Areal; extent: Areal } {
  const area = turf.union(turf.featureCollection(subdistricts)) as Areal | null;
  if (!area) throw new Error('sub-districts have no union');
  const extent = turf.buffer(area, marginMeters, { units: 'meters' }) as Areal | undefined;
  if (!extent) throw new Error('could not grow the study area');
  return { area, extent };
}
