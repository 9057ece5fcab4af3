import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import { LAYER_IDS, SUBDISTRICT_NAMES, type LayerId } from './layers';
import { placeHoles } from './hole_placement';
import { ringCrossesItself, ringsCrossEachOther } from './ring_crossing';
import { validateFeatureProperties } from './schema';
import type { SchoolLevelCorrection } from './school_levels';

/** Line 18 (马连洼–天通苑东, opened 2025-12-27) has 11 stations. */
export const LINE_18 = { name: '18号线', stations: 11 } as const;
/** A metro line passes this close to each station it stops at, or the data is wrong. */
export const STATION_TO_LINE_MAX_METERS = 100;

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
  // As coordAll gives it, without its walk: most big imports are points.
  if (geometry.type === 'Point') return [geometry.coordinates];
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
 * Rings that cross themselves, holes that leave their outer ring, and holes inside another
 * hole. A hole touching its outer ring at a point is valid (OGC simple features), so only edges
 * passing through each other count. The crossing tests stop at the first contact, so a
 * self-crossing outline is refused before any heavy work. Rings that cross nothing lie wholly
 * inside or outside each other, so one vertex of each hole decides where (`placeHoles`).
 */
function selfIntersectionProblems(geometry: Polygon | MultiPolygon): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const problems: string[] = [];
  for (const [outer, ...holes] of polygons) {
    const rings = [outer!, ...holes];
    if (rings.some(ringCrossesItself)) {
      problems.push('self-intersecting ring');
      continue;
    }
    if (holes.length === 0) continue;
    const crossing = ringsCrossEachOther(rings);
    if (crossing) {
      problems.push(crossing[0] === 0 ? 'hole outside its outer ring' : 'holes cross each other');
      continue;
    }
    const { outside, nested } = placeHoles(rings);
    problems.push(...outside.map(() => 'hole outside its outer ring'));
    if (nested.length > 0) problems.push('hole inside another hole');
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

/** The positions of a station where a line stops (an interchange has one per line). */
function stationPositions(station: Feature, line: string): Position[] {
  const geometry = station.geometry;
  if (geometry?.type === 'Point') return [geometry.coordinates];
  if (geometry?.type !== 'MultiPoint') return [];
  const perPosition = station.properties?.position_lines as string[][] | undefined;
  const serving = geometry.coordinates.filter((_, i) => perPosition?.[i]?.includes(line) ?? true);
  return serving.length > 0 ? serving : geometry.coordinates;
}

/**
 * Metro: Line 18 has all its stations, and every line runs within 100 m of each station
 * that names it.
 */
export function metroProblems(
  stations: FeatureCollection,
  lines: FeatureCollection,
): DataProblem[] {
  const problems: DataProblem[] = [];
  const onLine = (f: Feature, line: string) =>
    ((f.properties?.lines as string[] | undefined) ?? []).includes(line);
  const line18 = stations.features.filter((f) => onLine(f, LINE_18.name)).length;
  if (line18 < LINE_18.stations) {
    problems.push({
      layer: 'metro-stations',
      id: '-',
      message: `${LINE_18.name} has ${line18} stations, not ${LINE_18.stations}`,
    });
  }
  for (const station of stations.features) {
    for (const line of (station.properties?.lines as string[] | undefined) ?? []) {
      const tracks = lines.features.filter((f) => f.properties?.line === line);
      const distances = stationPositions(station, line).flatMap((position) =>
        tracks.flatMap((track) =>
          turf
            .flatten(track as Feature<LineString | MultiLineString>)
            .features.map((part) => turf.pointToLineDistance(position, part, { units: 'meters' })),
        ),
      );
      const nearest = Math.min(Infinity, ...distances);
      if (nearest > STATION_TO_LINE_MAX_METERS) {
        problems.push({
          layer: 'metro-stations',
          id: String(station.properties?.id ?? '?'),
          message: `${line} ${Number.isFinite(nearest) ? `runs ${Math.round(nearest)} m from` : 'has no track near'} ${String(station.properties?.name)}`,
        });
      }
    }
  }
  return problems;
}

/** Every school the corrections table confirms serves at least the levels it gives. */
export function schoolLevelProblems(
  schools: FeatureCollection,
  corrections: SchoolLevelCorrection[],
): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const correction of corrections.filter((c) => c.confidence === 'confirmed')) {
    const named = schools.features.filter((f) => f.properties?.name === correction.name);
    if (named.length === 0) {
      problems.push({ layer: 'schools', id: '-', message: `no school named ${correction.name}` });
    }
    for (const school of named) {
      const serves = (school.properties?.serves_levels as string[] | undefined) ?? [];
      const missing = correction.levels.filter((level) => !serves.includes(level));
      if (missing.length > 0) {
        problems.push({
          layer: 'schools',
          id: String(school.properties?.id ?? '?'),
          message: `${correction.name} is confirmed for ${correction.levels.join(', ')} but lacks ${missing.join(', ')}`,
        });
      }
    }
  }
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

/**
 * Facts of this area the shipped data must hold: the metro's stations on their lines with
 * Line 18 complete, and the school levels the corrections table confirms.
 */
export function knownFactProblems(
  layers: Partial<Record<LayerId, FeatureCollection>>,
  schoolLevels: SchoolLevelCorrection[],
): DataProblem[] {
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  return [
    ...metroProblems(layers['metro-stations'] ?? empty, layers['metro-lines'] ?? empty),
    ...schoolLevelProblems(layers.schools ?? empty, schoolLevels),
  ];
}
