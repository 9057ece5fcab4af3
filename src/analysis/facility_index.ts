import Flatbush from 'flatbush';
import { countedLevels } from '../data/school_levels';
import type { LayerId } from '../data/layers';
import type { AppFeature, AppFeatureCollection } from '../data/schema';
import type { LocalProjection } from './local_projection';
import { type PlanarShape, boxDistance, distanceToShape, toPlanarShape } from './planar_shape';

/** The kinds a point inspection groups facilities by, in display order. */
export const FACILITY_GROUPS = [
  'park',
  'green',
  'greenway',
  'kindergarten',
  'primary',
  'middle',
  // Schools counting for no level: universities, colleges, unverified and unclassified schools.
  'other-school',
  'health',
  'metro',
  'car-park',
] as const;
export type FacilityGroup = (typeof FACILITY_GROUPS)[number];

export interface IndexedFacility {
  id: string;
  name: string;
  layer: LayerId | 'car-parks';
  group: FacilityGroup;
  feature: AppFeature;
  shape: PlanarShape;
}

export interface FacilityHit {
  facility: IndexedFacility;
  /** Straight line to the facility's edge (0 inside), or to the point for points, metres. */
  distanceM: number;
}

/** What decides the groups: unverified schools count for their likely levels when included. */
export interface FacilityGroupOptions {
  includeUnverifiedSchools: boolean;
}

/**
 * The groups a feature of a layer belongs to: a school is in each level it counts for (it
 * may serve several), or among the other schools when it counts for none.
 */
export function facilityGroups(
  layer: string,
  feature: AppFeature,
  options: FacilityGroupOptions = { includeUnverifiedSchools: false },
): FacilityGroup[] {
  const p = feature.properties;
  switch (layer) {
    case 'parks':
      return [p.counts_as_park ? 'park' : 'green'];
    case 'greenways':
      return ['greenway'];
    case 'schools': {
      const levels = countedLevels(p, options.includeUnverifiedSchools).filter(
        (level) => level !== 'other',
      ) as FacilityGroup[];
      return levels.length > 0 ? levels : ['other-school'];
    }
    case 'healthcare':
      return ['health'];
    case 'metro-stations':
      return ['metro'];
    case 'car-parks':
      return ['car-park'];
    default:
      return [];
  }
}

const PATH_PIECE_POINTS = 16;

/**
 * A long line (a greenway) has a box covering half the area; indexed whole it would be a
 * candidate everywhere. Its pieces of a few segments each get their own, small boxes.
 */
function splitLongPaths(shape: PlanarShape): PlanarShape[] {
  if (shape.rings.length > 0 || shape.paths.every((p) => p.length <= 2 * PATH_PIECE_POINTS)) {
    return [shape];
  }
  const pieces: PlanarShape[] = [];
  for (const path of shape.paths) {
    for (let start = 0; start < path.length - 2; start += 2 * (PATH_PIECE_POINTS - 1)) {
      const piece = path.slice(start, start + 2 * PATH_PIECE_POINTS);
      const xs = piece.filter((_, i) => i % 2 === 0);
      const ys = piece.filter((_, i) => i % 2 === 1);
      pieces.push({
        points: [],
        paths: [piece],
        rings: [],
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      });
    }
  }
  if (shape.points.length > 0) pieces.push({ ...shape, paths: [] });
  return pieces;
}

/** One hit per facility: the nearest of its pieces. */
function nearestPieces(hits: FacilityHit[]): FacilityHit[] {
  const best = new Map<string, FacilityHit>();
  for (const hit of hits) {
    const seen = best.get(hit.facility.id);
    if (!seen || hit.distanceM < seen.distanceM) best.set(hit.facility.id, hit);
  }
  return [...best.values()];
}

export type FacilityLayers = Partial<Record<LayerId | 'car-parks', AppFeatureCollection>>;

interface GroupIndex {
  /** Each facility once, with its whole shape (what a scan looks at). */
  facilities: IndexedFacility[];
  /** What the tree holds: facilities, long lines cut into pieces. */
  items: IndexedFacility[];
  index: Flatbush | null;
}

/**
 * Facilities by group, each group in its own R-tree (Flatbush) over planar boxes. `within`
 * and `nearest` take candidates by box and confirm by exact distance.
 */
export interface FacilityIndex {
  projection: LocalProjection;
  groups: Map<FacilityGroup, GroupIndex>;
}

export function createFacilityIndex(
  layers: FacilityLayers,
  projection: LocalProjection,
  options?: FacilityGroupOptions,
): FacilityIndex {
  const groups = new Map<FacilityGroup, GroupIndex>(
    FACILITY_GROUPS.map((g) => [g, { facilities: [], items: [], index: null }]),
  );
  for (const [layer, collection] of Object.entries(layers)) {
    for (const feature of collection?.features ?? []) {
      const shape = toPlanarShape(feature.geometry, projection);
      for (const group of facilityGroups(layer, feature, options)) {
        const facility: IndexedFacility = {
          id: String(feature.properties.id),
          name: feature.properties.name,
          layer: layer as IndexedFacility['layer'],
          group,
          feature,
          shape,
        };
        const entry = groups.get(group)!;
        entry.facilities.push(facility);
        for (const piece of splitLongPaths(shape)) entry.items.push({ ...facility, shape: piece });
      }
    }
  }
  for (const entry of groups.values()) {
    if (entry.items.length === 0) continue;
    entry.index = new Flatbush(entry.items.length);
    for (const { shape } of entry.items) entry.index.add(...shape.bbox);
    entry.index.finish();
  }
  return { projection, groups };
}

/** Facilities of a group within `radiusM` of a planar point, nearest first. */
export function facilitiesWithin(
  index: FacilityIndex,
  group: FacilityGroup,
  [x, y]: [number, number],
  radiusM: number,
): FacilityHit[] {
  const entry = index.groups.get(group)!;
  if (!entry.index) return [];
  const hits: FacilityHit[] = [];
  for (const i of entry.index.search(x - radiusM, y - radiusM, x + radiusM, y + radiusM)) {
    const facility = entry.items[i]!;
    // The square search also returns boxes in its corners, beyond the circle.
    if (boxDistance(facility.shape.bbox, x, y) > radiusM) continue;
    const distanceM = distanceToShape(facility.shape, x, y);
    if (distanceM <= radiusM) hits.push({ facility, distanceM });
  }
  return nearestPieces(hits).sort(byDistance);
}

/** Nearest first; equal distances by id, so that answers are stable. */
const byDistance = (a: FacilityHit, b: FacilityHit) =>
  a.distanceM - b.distanceM || a.facility.id.localeCompare(b.facility.id);

/**
 * The nearest facility of a group, wherever it is. Candidates come in order of box distance,
 * which never exceeds the exact distance: once a candidate's box is farther than the best
 * exact distance found, no later one can win.
 */
export function nearestFacility(
  index: FacilityIndex,
  group: FacilityGroup,
  [x, y]: [number, number],
): FacilityHit | null {
  const entry = index.groups.get(group)!;
  if (!entry.index) return null;
  let best: FacilityHit | null = null;
  for (let k = 4; ; k *= 4) {
    const candidates = entry.index.neighbors(x, y, k);
    for (const i of candidates) {
      const facility = entry.items[i]!;
      if (best && boxDistance(facility.shape.bbox, x, y) >= best.distanceM) return best;
      const distanceM = distanceToShape(facility.shape, x, y);
      if (!best || distanceM < best.distanceM) best = { facility, distanceM };
    }
    if (candidates.length < k) return best;
  }
}

/** The same questions by scanning every facility: the reference for tests and the bench. */
export const linearScan = {
  within(index: FacilityIndex, group: FacilityGroup, [x, y]: [number, number], radiusM: number) {
    return index.groups
      .get(group)!
      .facilities.map((facility) => ({
        facility,
        distanceM: distanceToShape(facility.shape, x, y),
      }))
      .filter((hit) => hit.distanceM <= radiusM)
      .sort(byDistance);
  },
  nearest(index: FacilityIndex, group: FacilityGroup, [x, y]: [number, number]) {
    let best: FacilityHit | null = null;
    for (const facility of index.groups.get(group)!.facilities) {
      const distanceM = distanceToShape(facility.shape, x, y);
      if (!best || distanceM < best.distanceM) best = { facility, distanceM };
    }
    return best;
  },
};
