import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LayerId } from '../data/layers';
import type { AppFeatureCollection } from '../data/schema';
import { type ParkRadiusRule, parkServiceRadiusMeters } from './park_service_radius';
import { type UnitCoverage, radiusCoverage, totalCoverage } from './radius_coverage';
import { type AreaFeature, serviceArea } from './service_area';

export interface CoverageParameters extends ParkRadiusRule {
  /** Count forest and other non-park green as parks (to see the difference). */
  includeForest: boolean;
  kindergartenRadiusMeters: number;
  primaryRadiusMeters: number;
  middleRadiusMeters: number;
  parkingRadiusMeters: number;
}

/** Defaults from the standards: MOHURD 2021 city check-up; GB 50180; GB 50220-95. */
export const DEFAULT_COVERAGE_PARAMETERS: CoverageParameters = {
  largeParkMinAreaM2: 5000,
  largeRadiusMeters: 500,
  smallParkMinAreaM2: 2000,
  smallRadiusMeters: 300,
  includeForest: false,
  kindergartenRadiusMeters: 300,
  primaryRadiusMeters: 500,
  middleRadiusMeters: 1000,
  parkingRadiusMeters: 300,
};

export interface CoverageFigure {
  covered_m2: number | null;
  share: number | null;
}

export interface CoverageRow {
  name: string;
  residential_area_m2: number;
  parks: CoverageFigure;
  kindergarten: CoverageFigure;
  primary: CoverageFigure;
  middle: CoverageFigure;
  parking: CoverageFigure & { mean_distance_m: number | null; max_distance_m: number | null };
}

export const WHOLE_AREA_NAME = '回天地区';

type Layers = Pick<
  Record<LayerId, AppFeatureCollection>,
  'subdistricts' | 'residential' | 'parks' | 'schools'
>;

const figure = (c: UnitCoverage): CoverageFigure => ({ covered_m2: c.coveredM2, share: c.share });

function parkServiceAreas(parks: AppFeatureCollection, p: CoverageParameters): AreaFeature[] {
  return parks.features.flatMap((park) => {
    if (!park.properties.counts_as_park && !p.includeForest) return [];
    const radius = parkServiceRadiusMeters(Number(park.properties.area_m2), p);
    return radius === null ? [] : [serviceArea(park, radius)];
  });
}

function schoolServiceAreas(schools: AppFeatureCollection, level: string, radius: number) {
  return schools.features
    .filter((s) => (s.properties.serves_levels as string[]).includes(level))
    .map((s) => serviceArea(s, radius));
}

/**
 * The coverage table: per unit and for the whole area, residential land within the park and
 * school service radii. No source has public car parks, so parking figures are null (not 0).
 */
export function coverageReport(layers: Layers, p: CoverageParameters): CoverageRow[] {
  const units = layers.subdistricts.features as Feature<Polygon | MultiPolygon, { name: string }>[];
  const residential = layers.residential.features as AreaFeature[];
  const measure = (areas: AreaFeature[]) => {
    const perUnit = radiusCoverage(units, residential, areas);
    return [...perUnit, totalCoverage(WHOLE_AREA_NAME, perUnit)];
  };
  const parks = measure(parkServiceAreas(layers.parks, p));
  const kindergarten = measure(
    schoolServiceAreas(layers.schools, 'kindergarten', p.kindergartenRadiusMeters),
  );
  const primary = measure(schoolServiceAreas(layers.schools, 'primary', p.primaryRadiusMeters));
  const middle = measure(schoolServiceAreas(layers.schools, 'middle', p.middleRadiusMeters));
  return parks.map((row, i) => ({
    name: row.name,
    residential_area_m2: row.residentialAreaM2,
    parks: figure(row),
    kindergarten: figure(kindergarten[i]!),
    primary: figure(primary[i]!),
    middle: figure(middle[i]!),
    parking: { covered_m2: null, share: null, mean_distance_m: null, max_distance_m: null },
  }));
}
