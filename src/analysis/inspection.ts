import * as turf from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import Flatbush from 'flatbush';
import type { CoverageParameters } from './coverage_parameters';
import { bboxesOverlap } from './area_operations';
import { parkFacilities } from './coverage_report';
import type { AppFeatureCollection } from '../data/schema';
import {
  FACILITY_GROUPS,
  type FacilityGroup,
  type FacilityHit,
  type FacilityIndex,
  facilitiesWithin,
  nearestFacility,
} from './facility_index';
import type { KnownExtent } from '../data/completeness';
import { knownRows, unitKnowledge } from './known_land';
import { measureCoverage, prepareArea, reachRows } from './rows/row_coverage';

export const INSPECTION_RADIUS_LIMITS = { min: 100, max: 2000 } as const;
export const INSPECTION_RADIUS_PRESETS = [300, 500, 1000] as const;
/** Walking speed for time estimates, metres per minute (a common planning figure). */
export const DEFAULT_WALKING_SPEED_M_PER_MIN = 80;

export interface Inspection {
  lonLat: [number, number];
  radiusM: number;
  /** Per group, the facilities inside the circle, nearest first. */
  within: Record<FacilityGroup, FacilityHit[]>;
  /** Per group, the nearest facility even outside the circle (null: none in the data). */
  nearest: Record<FacilityGroup, FacilityHit | null>;
}

/** Facilities inside the circle and the nearest of each kind, from the spatial index. */
export function inspectPoint(
  index: FacilityIndex,
  lonLat: [number, number],
  radiusM: number,
): Inspection {
  const xy = index.projection.forward(lonLat);
  const within = {} as Inspection['within'];
  const nearest = {} as Inspection['nearest'];
  for (const group of FACILITY_GROUPS) {
    within[group] = facilitiesWithin(index, group, xy, radiusM);
    nearest[group] = within[group][0] ?? nearestFacility(index, group, xy);
  }
  return { lonLat, radiusM, within, nearest };
}

export function walkingMinutes(distanceM: number, speedMPerMin: number): number {
  return Math.max(1, Math.ceil(distanceM / speedMPerMin));
}

/** Residential blocks by box, to find the land near a point quickly. */
export interface ResidentialIndex {
  blocks: AppFeatureCollection['features'];
  index: Flatbush | null;
}

export function createResidentialIndex(residential: AppFeatureCollection): ResidentialIndex {
  const blocks = residential.features;
  if (blocks.length === 0) return { blocks, index: null };
  const index = new Flatbush(blocks.length);
  for (const block of blocks) index.add(...(turf.bbox(block) as [number, number, number, number]));
  index.finish();
  return { blocks, index };
}

export interface CircleLand {
  /** Residential land inside the circle, m². */
  residentialAreaM2: number;
  /** Share of it within a park's service radius (0–1), or null when there is none. */
  parkCoveredShare: number | null;
  /** Share of it that no known park serves and that lies outside the park data (0–1). */
  parkUnknownShare: number;
}

/**
 * Residential land inside the circle and how much of it the parks serve: the coverage
 * method of the analysis, with the circle as the only unit and only nearby data.
 */
export function circleLand(
  residential: ResidentialIndex,
  parks: AppFeatureCollection,
  parameters: CoverageParameters,
  lonLat: [number, number],
  radiusM: number,
  /** Where the park data is known complete (absent: everywhere), and the point's unit. */
  parkExtent?: KnownExtent,
  unitName: string | null = null,
): CircleLand {
  const circle = turf.circle(lonLat, radiusM, { units: 'meters', steps: 128 });
  const box = turf.bbox(circle);
  const blocks = residential.index
    ? residential.index.search(box[0], box[1], box[2], box[3]).map((i) => residential.blocks[i]!)
    : [];
  if (blocks.length === 0) {
    return { residentialAreaM2: 0, parkCoveredShare: null, parkUnknownShare: 0 };
  }
  const unit = { ...circle, properties: { name: 'circle' } } as Feature<Geometry, { name: string }>;
  const prepared = prepareArea([unit], blocks, 2);
  const reachBox = turf.bbox(
    turf.circle(lonLat, radiusM + parameters.largeRadiusMeters + 50, { units: 'meters' }),
  );
  const nearbyParks = parkFacilities(parks, parameters).filter((park) =>
    bboxesOverlap(turf.bbox(park.geometry), reachBox),
  );
  const reach = reachRows(prepared, nearbyParks);
  const [land] = measureCoverage(prepared, reach);
  // A unit an import covers is known as a whole; the circle stands for that unit here.
  const known =
    !parkExtent || (unitName !== null && parkExtent.units.includes(unitName))
      ? null
      : knownRows(prepared, { boxes: parkExtent.boxes, units: [] });
  const [knowledge] = unitKnowledge(prepared, reach, known);
  const residentialAreaM2 = land!.residentialAreaM2;
  return {
    residentialAreaM2,
    parkCoveredShare: land!.share,
    parkUnknownShare: residentialAreaM2 > 0 ? knowledge!.unknownM2 / residentialAreaM2 : 0,
  };
}
