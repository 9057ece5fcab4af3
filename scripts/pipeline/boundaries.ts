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

/**
 * Community (社区/村) polygons. The source's own unit membership (`jd_name`) is the unit of
 * record: a community belongs to the unit that administers it, wherever its polygon falls.
 * Where the polygon lies in another unit, that unit is kept as `subdistrict_by_location`.
 */
export function buildCommunities(
  raw: Raw,
  subdistricts: FeatureCollection<Polygon | MultiPolygon, { name: string }>,
): AppFeature<Polygon | MultiPolygon>[] {
  return raw.features.map((feature) => {
    const geometry = roundCoordinates(feature.geometry as Polygon | MultiPolygon);
    const located = locateSubdistrict({ type: 'Feature', geometry, properties: {} }, subdistricts);
    const reported = String(feature.properties.jd_name);
    const member = isSubdistrictName(reported) ? reported : located;
    return {
      type: 'Feature',
      geometry,
      properties: {
        id: `community-${String(feature.properties.sq_id)}`,
        name: String(feature.properties.sq_name),
        kind: String(feature.properties.sq_name).endsWith('村') ? 'village' : 'community',
        subdistrict: member,
        subdistrict_basis: isSubdistrictName(reported) ? 'membership' : 'location',
        ...(located !== member ? { subdistrict_by_location: located } : {}),
        area_m2: Math.round(turf.area(geometry)),
        source: 'huitian-boundaries',
        source_crs: 'WGS-84',
        accuracy: 'surveyed',
      },
    };
  });
}

/** Communities whose polygon lies in another unit than the one the source assigns them. */
export function membershipDisagreements(
  communities: AppFeature[],
): { name: string; member: string; located: string | null }[] {
  return communities
    .filter((c) => 'subdistrict_by_location' in c.properties)
    .map((c) => ({
      name: c.properties.name,
      member: String(c.properties.subdistrict),
      located: (c.properties.subdistrict_by_location as string | null) ?? null,
    }));
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
