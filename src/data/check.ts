import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { LAYER_IDS, SUBDISTRICT_NAMES, type LayerId } from './layers';
import { ringCrossesItself } from './ring_crossing';
import { validateFeatureProperties } from './schema';

/** The rectangle every shipped coordinate must lie in: the seven units and their surroundings. */
export const AREA_BOUNDS = { west: 116.15, south: 39.95, east: 116.55, north: 40.2 } as const;

/** Two sub-districts may overlap by at most this share of the smaller one (digitising noise). */
export const MAX_SUBDISTRICT_OVERLAP_SHARE = 0.001;

export interface DataProblem {
  layer: string;
  id: string;
  message: string;
}

function positionsOf(geometry: Feature['geometry']): Position[] {
  if (!geometry) return [];
  return turf.coordAll(geometry as Parameters<typeof turf.coordAll>[0]);
}

function ringProblems(geometry: Polygon | MultiPolygon): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const problems: string[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      const first = ring[0];
      const last = ring.at(-1);
      if (ring.length < 4) problems.push('ring has fewer than 4 positions');
      else if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
        problems.push('ring is not closed');
      }
    }
  }
  return problems;
}

/**
 * Rings that cross themselves, and holes that leave their outer ring. A hole touching its outer
 * ring at a point is valid (OGC simple features), so rings are checked one by one. The crossing
 * test stops at the first contact, so a self-crossing outline is refused before any heavy work.
 */
function selfIntersectionProblems(geometry: Polygon | MultiPolygon): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const problems: string[] = [];
  for (const [outer, ...holes] of polygons) {
    const rings = [outer!, ...holes];
    if (rings.some(ringCrossesItself)) {
      problems.push('self-intersecting ring');
    }
    const shell = turf.polygon([outer!]);
    for (const hole of holes) {
      if (!hole.every((p) => turf.booleanPointInPolygon(p, shell))) {
        problems.push('hole outside its outer ring');
      }
    }
  }
  return problems;
}

/** Geometry problems of one feature: unclosed rings, self-intersections, positions off the area. */
export function geometryProblems(feature: Feature): string[] {
  const geometry = feature.geometry;
  if (!geometry) return ['no geometry'];
  const problems: string[] = [];
  for (const [lon, lat] of positionsOf(geometry)) {
    if (
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      lon! < AREA_BOUNDS.west ||
      lon! > AREA_BOUNDS.east ||
      lat! < AREA_BOUNDS.south ||
      lat! > AREA_BOUNDS.north
    ) {
      problems.push(`position ${lon},${lat} outside the area`);
      break;
    }
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const rings = ringProblems(geometry);
    problems.push(...rings);
    if (rings.length === 0) problems.push(...selfIntersectionProblems(geometry));
  }
  if (geometry.type === 'LineString' && geometry.coordinates.length < 2) {
    problems.push('line has fewer than 2 positions');
  }
  return problems;
}

function subdistrictProblems(collection: FeatureCollection): DataProblem[] {
  const problems: DataProblem[] = [];
  const names = collection.features.map((f) => String(f.properties?.name));
  for (const expected of SUBDISTRICT_NAMES) {
    if (!names.includes(expected)) {
      problems.push({ layer: 'subdistricts', id: '-', message: `missing unit ${expected}` });
    }
  }
  const units = collection.features as Feature<Polygon | MultiPolygon>[];
  units.forEach((a, i) => {
    units.slice(i + 1).forEach((b) => {
      const common = turf.intersect(turf.featureCollection([a, b]));
      if (!common) return;
      const share = turf.area(common) / Math.min(turf.area(a), turf.area(b));
      if (share > MAX_SUBDISTRICT_OVERLAP_SHARE) {
        problems.push({
          layer: 'subdistricts',
          id: `${String(a.properties?.name)}/${String(b.properties?.name)}`,
          message: `units overlap by ${(share * 100).toFixed(2)}%`,
        });
      }
    });
  });
  return problems;
}

/**
 * Checks the shipped layers: every layer present, every feature's schema and geometry, the
 * seven units present and not overlapping, ids unique across all layers.
 */
export function checkLayers(layers: Partial<Record<LayerId, FeatureCollection>>): DataProblem[] {
  const problems: DataProblem[] = [];
  const seenIds = new Map<string, string>();
  for (const layer of LAYER_IDS) {
    const collection = layers[layer];
    if (!collection || collection.type !== 'FeatureCollection') {
      problems.push({ layer, id: '-', message: 'layer missing or not a FeatureCollection' });
      continue;
    }
    for (const feature of collection.features) {
      const id = String(feature.properties?.id ?? '?');
      for (const message of [
        ...validateFeatureProperties(layer, feature),
        ...geometryProblems(feature),
      ]) {
        problems.push({ layer, id, message });
      }
      const other = seenIds.get(id);
      if (other) problems.push({ layer, id, message: `duplicate id (also in ${other})` });
      seenIds.set(id, layer);
    }
  }
  if (layers.subdistricts) problems.push(...subdistrictProblems(layers.subdistricts));
  return problems;
}
