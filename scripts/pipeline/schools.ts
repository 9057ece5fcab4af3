import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { toWgs84 } from '../../src/data/crs';
import type { AppFeature, SchoolLevel } from '../../src/data/schema';
import { type SchoolLevelCorrection, mainLevel } from '../../src/data/school_levels';
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
 * A school's level fields: from its name, or from the corrections table where it names the
 * school. A confirmed row counts for each level it gives; an unverified row only suggests its
 * levels (`likely_levels`) and counts for none until a planner includes it.
 */
export function schoolLevelProperties(
  classified: { level: SchoolLevel; serves: SchoolLevel[] },
  correction: SchoolLevelCorrection | undefined,
): Record<string, unknown> {
  if (!correction) {
    return { level: classified.level, serves_levels: classified.serves, level_status: 'name' };
  }
  const common = {
    level: mainLevel(correction.levels),
    level_status: correction.confidence,
    level_source: 'school-levels',
    level_evidence: correction.evidence,
    ...(classified.level !== mainLevel(correction.levels) ||
    classified.serves.join() !== correction.levels.join()
      ? { level_by_name: classified.level }
      : {}),
  };
  return correction.confidence === 'confirmed'
    ? { ...common, serves_levels: correction.levels }
    : { ...common, serves_levels: [], likely_levels: correction.levels };
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
  corrections: SchoolLevelCorrection[],
  context: StudyContext,
): AppFeature[] {
  const unused = new Set(corrections.map((c) => c.name));
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
    const correction = corrections.find((c) => c.name === candidate.name);
    unused.delete(candidate.name);
    const levels = schoolLevelProperties(
      classifySchool(candidate.type, candidate.sourceLevel, candidate.name),
      correction,
    );
    const geometry = candidate.feature.geometry as Polygon | MultiPolygon;
    kept.push(
      createAppFeature(
        geometry,
        {
          id: `school-${candidate.key}`,
          name: candidate.name,
          kind: candidate.type,
          ...levels,
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
          level_status: 'name',
          source: 'primary-schools',
          source_crs: 'GCJ-02',
          accuracy: 'approximate',
        },
        context,
      ),
    );
  });
  if (unused.size > 0) {
    throw new Error(`school levels: no school named ${[...unused].join(', ')} in the sources`);
  }
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

/** A converted point may differ from the source's own conversion by at most this much. */
const CONVERSION_AGREEMENT_METERS = 5;

/**
 * Hospitals from the corrections table: points whose origin gives the raw GCJ-02 position.
 * They are converted here and checked against the table's own WGS-84 position.
 */
export function buildHospitalPoints(raw: Raw, context: StudyContext): AppFeature[] {
  return raw.features.map((f, index) => {
    const p = f.properties;
    const origin = String(p.origin);
    const match = /raw (\d+\.\d+), (\d+\.\d+), GCJ-02/.exec(origin);
    if (!match || p.source_crs !== 'GCJ-02') {
      throw new Error(`hospitals: ${String(p.name)} has no raw GCJ-02 position in its origin`);
    }
    const rawPosition: [number, number] = [Number(match[1]), Number(match[2])];
    const converted = toWgs84(rawPosition, 'GCJ-02');
    const given = (f.geometry as Point).coordinates;
    const apart = turf.distance(converted, given, { units: 'meters' });
    if (apart > CONVERSION_AGREEMENT_METERS) {
      throw new Error(`hospitals: ${String(p.name)} converts ${apart.toFixed(1)} m off its table`);
    }
    return createAppFeature(
      { type: 'Point', coordinates: converted } as Point,
      {
        id: `health-point-${index}`,
        name: String(p.name),
        kind: String(p.kind),
        grade: String(p.grade),
        address: String(p.address),
        note: `point from ${origin}; converted GCJ-02 → WGS-84 with gcoord (${apart.toFixed(1)} m from the table's own conversion); a point, not the hospital's grounds`,
        source: 'hospital-points',
        source_crs: 'GCJ-02',
        accuracy: 'approximate',
      },
      context,
    );
  });
}
