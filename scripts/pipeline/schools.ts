import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { toWgs84 } from '../../src/data/crs';
import type { AppFeature, SchoolLevel } from '../../src/data/schema';
import { type StudyContext, createAppFeature, isNearStudyArea } from './context';
import { type Areal, overlapShare } from './geometry';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

/** A school-point is the same school as a polygon when it lies this close to it. */
const POINT_MATCH_METERS = 150;

/**
 * The school level from the source's type and level and the school's Chinese name.
 * Returns the main level and every level the school serves (a 九年一贯制 school serves two).
 */
export function classifySchool(
  type: string,
  sourceLevel: string,
  name: string,
): { level: SchoolLevel; serves: SchoolLevel[] } {
  if (type === 'university' || type === 'college') return { level: 'other', serves: [] };
  // Names are read before the "university" test: 华北电力大学附属小学 is a primary school.
  if (type === 'kindergarten' || /幼儿园|幼稚园/.test(sourceLevel + name)) {
    return { level: 'kindergarten', serves: ['kindergarten'] };
  }
  if (/九年一贯|一贯制|实验学校/.test(name)) {
    return { level: 'middle', serves: ['primary', 'middle'] };
  }
  if (/小学|附小/.test(name) || sourceLevel.includes('primary')) {
    return { level: 'primary', serves: ['primary'] };
  }
  if (/中学|附中|一中|二中|三中|初中|高中/.test(name) || sourceLevel.includes('secondary')) {
    return { level: 'middle', serves: ['middle'] };
  }
  return { level: 'other', serves: [] };
}

interface Candidate {
  key: string;
  name: string;
  type: string;
  sourceLevel: string;
  feature: Raw['features'][number];
}

/**
 * Schools and kindergartens from the OSM school grounds and the OSM landuse extract, merged
 * where they are the same campus, plus primary-school points (GCJ-02 in their source) that
 * match no campus.
 */
export function buildSchools(
  schoolFences: Raw,
  schoolsHospitals: Raw,
  landuseMore: Raw,
  primaryPoints: Raw,
  context: StudyContext,
): AppFeature[] {
  const candidates: Candidate[] = [
    ...schoolFences.features.map((f) => ({
      key: `fence-${String(f.properties.idx)}`,
      name: String(f.properties.name ?? ''),
      type: String(f.properties.type),
      sourceLevel: String(f.properties.level ?? ''),
      feature: f,
    })),
    ...[...schoolsHospitals.features, ...landuseMore.features]
      .filter((f) => f.properties.class === 'EDUCATION')
      .map((f) => ({
        key: `osm-${String(f.properties.osm_fid ?? f.properties.fid)}`,
        name: String(f.properties.name ?? ''),
        type: String(f.properties.osm_fclass),
        sourceLevel: '',
        feature: f,
      })),
  ];

  const kept: AppFeature[] = [];
  for (const candidate of candidates) {
    if (!isNearStudyArea(candidate.feature, context)) continue;
    const duplicate = kept.find((k) => overlapShare(k as Areal, candidate.feature as Areal) > 0.5);
    if (duplicate) {
      if (!duplicate.properties.name && candidate.name) duplicate.properties.name = candidate.name;
      continue;
    }
    const { level, serves } = classifySchool(candidate.type, candidate.sourceLevel, candidate.name);
    const geometry = candidate.feature.geometry as Polygon | MultiPolygon;
    kept.push(
      createAppFeature(
        geometry,
        {
          id: `school-${candidate.key}`,
          name: candidate.name,
          kind: candidate.type,
          level,
          serves_levels: serves,
          area_m2: Math.round(turf.area(geometry)),
          source: 'osm',
          source_crs: 'WGS-84',
          accuracy: 'surveyed',
        },
        context,
      ),
    );
  }

  primaryPoints.features.forEach((point, index) => {
    const original = point.properties.gcj02 as [number, number];
    const position = toWgs84(original, 'GCJ-02');
    const geometry: Point = { type: 'Point', coordinates: position };
    const pointFeature = turf.point(position);
    if (!isNearStudyArea(pointFeature, context)) return;
    const englishName = String(point.properties.name);
    const match = kept.find(
      (k) =>
        (k.properties.serves_levels as SchoolLevel[]).includes('primary') &&
        k.geometry.type !== 'Point' &&
        turf.pointToPolygonDistance(pointFeature, k as Areal, { units: 'meters' }) <
          POINT_MATCH_METERS,
    );
    if (match) {
      match.properties.name_en = englishName;
      return;
    }
    kept.push(
      createAppFeature(
        geometry,
        {
          id: `school-primary-point-${index}`,
          name: englishName,
          name_en: englishName,
          name_note: 'source gives only an English name',
          kind: 'school',
          level: 'primary',
          serves_levels: ['primary'],
          source: 'primary-schools',
          source_crs: 'GCJ-02',
          accuracy: 'approximate',
        },
        context,
      ),
    );
  });
  return kept;
}

/** Hospitals and clinics from the OSM extract. */
export function buildHealthcare(schoolsHospitals: Raw, context: StudyContext): AppFeature[] {
  return schoolsHospitals.features
    .filter((f) => f.properties.class === 'HEALTHCARE' && isNearStudyArea(f, context))
    .map((f) => {
      const geometry = f.geometry as Polygon | MultiPolygon;
      return createAppFeature(
        geometry,
        {
          id: `health-osm-${String(f.properties.osm_fid)}`,
          name: String(f.properties.name ?? ''),
          kind: String(f.properties.osm_fclass),
          area_m2: Math.round(turf.area(geometry)),
          source: 'osm',
          source_crs: 'WGS-84',
          accuracy: 'surveyed',
        },
        context,
      );
    });
}
