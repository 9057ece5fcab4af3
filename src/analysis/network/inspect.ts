import * as turf from '@turf/turf';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { FACILITY_GROUPS, type FacilityGroup, type IndexedFacility } from '../facility_index';
import type { Inspection } from '../inspection';
import type { LocalProjection } from '../local_projection';
import { toPlanarShape } from '../planar_shape';
import { type EdgeIndex, facilityAccess, nearestEdgePoint } from './access';
import { BACKWARD, FORWARD } from './graph';
import { distanceAt, prepareSources, searchNetwork } from './search';

/** Half-width of the band drawn around reached streets for the reachable area, metres. */
export const REACHED_BAND_M = 30;

export interface NetworkFacilityRow {
  group: FacilityGroup;
  facility: IndexedFacility;
  straightM: number;
  /** Walking distance along the network, or null when it cannot be reached within the search. */
  networkM: number | null;
  /** networkM / straightM (null when either is missing or the straight line is 0). */
  detour: number | null;
}

export interface NetworkInspection {
  /** Straight leg from the point to the network (null: no street within the leg limit). */
  legM: number | null;
  radiusM: number;
  /** Reached parts of the streets, lon/lat. */
  reachedStreets: Feature<MultiLineString> | null;
  /** The reachable area: a band around the reached streets. */
  reachableArea: Feature<Polygon | MultiPolygon> | null;
  /** The facilities of the straight-line inspection (inside the circle, or the nearest). */
  facilities: NetworkFacilityRow[];
}

/**
 * Point inspection along the network: the streets reachable within `radiusM` of walking from
 * the point (its own leg included), drawn as a polygon, and each facility the straight-line
 * inspection lists with its walking distance and detour ratio. Distances are searched up to
 * three times the radius, so a facility just outside still gets its figure.
 */
export function inspectAlongNetwork(
  network: EdgeIndex,
  projection: LocalProjection,
  straight: Inspection,
): NetworkInspection {
  const { radiusM } = straight;
  const graph = network.graph;
  const [x, y] = projection.forward(straight.lonLat);
  const origin = nearestEdgePoint(network, x, y);
  const rows: NetworkFacilityRow[] = [];
  const listed = FACILITY_GROUPS.flatMap((group) => {
    const hits =
      straight.within[group].length > 0 ? straight.within[group] : [straight.nearest[group]];
    return hits.flatMap((hit) => (hit ? [{ group, hit }] : []));
  });
  if (!origin) {
    for (const { group, hit } of listed) {
      rows.push({
        group,
        facility: hit.facility,
        straightM: hit.distanceM,
        networkM: null,
        detour: null,
      });
    }
    return { legM: null, radiusM, reachedStreets: null, reachableArea: null, facilities: rows };
  }
  const sources = prepareSources([{ ...origin, source: 0 }]);
  const result = searchNetwork(graph, sources, 'away', radiusM * 3);
  for (const { group, hit } of listed) {
    const shape = toPlanarShape(hit.facility.feature.geometry, projection);
    let best = Infinity;
    for (const access of facilityAccess(network, shape, 0)) {
      best = Math.min(best, distanceAt(graph, result, sources, access).distance);
    }
    const networkM = Number.isFinite(best) ? best : null;
    rows.push({
      group,
      facility: hit.facility,
      straightM: hit.distanceM,
      networkM,
      detour: networkM !== null && hit.distanceM > 0 ? networkM / hit.distanceM : null,
    });
  }
  const lines = reachedLines(network, result.distance, origin, radiusM).map((line) => {
    const out: Position[] = [];
    for (let i = 0; i + 1 < line.length; i += 2)
      out.push(projection.inverse([line[i]!, line[i + 1]!]));
    return out;
  });
  const reachedStreets: Feature<MultiLineString> | null =
    lines.length > 0 ? turf.multiLineString(lines) : null;
  const reachableArea = reachedStreets
    ? ((turf.buffer(reachedStreets, REACHED_BAND_M, { units: 'meters', steps: 4 }) as Feature<
        Polygon | MultiPolygon
      > | null) ?? null)
    : null;
  return { legM: origin.leg, radiusM, reachedStreets, reachableArea, facilities: rows };
}

/** The part of a polyline between two distances along it, flat planar. */
function slice(coords: Float64Array, from: number, to: number): number[] {
  const out: number[] = [];
  let along = 0;
  for (let i = 0; i + 3 < coords.length; i += 2) {
    const ax = coords[i]!;
    const ay = coords[i + 1]!;
    const bx = coords[i + 2]!;
    const by = coords[i + 3]!;
    const length = Math.hypot(bx - ax, by - ay);
    const start = Math.max(from, along);
    const end = Math.min(to, along + length);
    if (end >= start && length > 0) {
      const t0 = (start - along) / length;
      const t1 = (end - along) / length;
      if (out.length === 0) out.push(ax + t0 * (bx - ax), ay + t0 * (by - ay));
      out.push(ax + t1 * (bx - ax), ay + t1 * (by - ay));
    }
    along += length;
  }
  return out.length >= 4 ? out : [];
}

/** Every reached stretch of street (planar polylines) within `radiusM` of walking. */
function reachedLines(
  network: EdgeIndex,
  distance: Float64Array,
  origin: { edge: number; along: number; leg: number },
  radiusM: number,
): number[][] {
  const g = network.graph;
  const out: number[][] = [];
  for (let e = 0; e < g.edgeFrom.length; e++) {
    const length = g.edgeLength[e]!;
    const dir = g.edgeDirection[e]!;
    const intervals: [number, number][] = [];
    const fromLeft = radiusM - distance[g.edgeFrom[e]!]!;
    const toLeft = radiusM - distance[g.edgeTo[e]!]!;
    if (dir & FORWARD && fromLeft > 0) intervals.push([0, Math.min(length, fromLeft)]);
    if (dir & BACKWARD && toLeft > 0) intervals.push([Math.max(0, length - toLeft), length]);
    if (e === origin.edge) {
      const left = radiusM - origin.leg;
      if (left > 0) {
        if (dir & FORWARD) intervals.push([origin.along, Math.min(length, origin.along + left)]);
        if (dir & BACKWARD) intervals.push([Math.max(0, origin.along - left), origin.along]);
      }
    }
    intervals.sort((a, b) => a[0] - b[0]);
    let current: [number, number] | null = null;
    for (const interval of intervals) {
      if (current && interval[0] <= current[1]) current[1] = Math.max(current[1], interval[1]);
      else {
        if (current) out.push(slice(g.edgeCoords[e]!, current[0], current[1]));
        current = [...interval];
      }
    }
    if (current) out.push(slice(g.edgeCoords[e]!, current[0], current[1]));
  }
  return out.filter((line) => line.length >= 4);
}
