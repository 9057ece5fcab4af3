import type { Geometry } from 'geojson';
import type { Intervals } from '../rows/intervals';
import {
  type PreparedArea,
  type UnitCoverage,
  prepareArea,
  totalCoverage,
} from '../rows/row_coverage';
import { toPlanarShape } from '../planar_shape';
import type { Feature } from 'geojson';
import {
  DEFAULT_MAX_LEG_M,
  DEFAULT_SHAPE_TOLERANCE_M,
  type EdgeIndex,
  facilityAccess,
  nearestEdgePoint,
} from './access';
import { type SourcePoint, distanceAt, prepareSources, searchNetwork } from './search';

/**
 * Residential sample spacing for network coverage, metres (rows this far apart, points this
 * far apart along them). On the seven units' residential land, halving it moves no unit's
 * share by more than 0.5 percentage points (tests/analysis/network/network_sampling.test.ts).
 */
export const DEFAULT_SAMPLE_SPACING_M = 10;

export interface AccessLimits {
  /** A straight leg longer than this does not reach the network. Default 300 m. */
  maxLegM: number;
  /** A park or line facility is reached where the network comes this near. Default 30 m. */
  toleranceM: number;
}

export const DEFAULT_ACCESS_LIMITS: AccessLimits = {
  maxLegM: DEFAULT_MAX_LEG_M,
  toleranceM: DEFAULT_SHAPE_TOLERANCE_M,
};

/**
 * Residential land as weighted sample points, each already joined to the network (or not):
 * the parameter-independent part of network coverage.
 */
export interface NetworkSamples {
  area: PreparedArea;
  unitNames: string[];
  /** Per sample: unit index, row, x, half-width along the row, weight (m²). */
  unit: Int32Array;
  row: Int32Array;
  x: Float64Array;
  halfWidth: Float64Array;
  weight: Float64Array;
  /** Where the sample joins the network (edge -1: no edge within the leg limit). */
  edge: Int32Array;
  along: Float64Array;
  leg: Float64Array;
}

/** Samples residential land per unit and joins every sample to the network once. */
export function prepareNetworkSamples(
  units: Feature<Geometry, { name: string }>[],
  residential: Feature<Geometry>[],
  network: EdgeIndex,
  spacingM = DEFAULT_SAMPLE_SPACING_M,
  limits: AccessLimits = DEFAULT_ACCESS_LIMITS,
): NetworkSamples {
  const area = prepareArea(units, residential, spacingM);
  const unit: number[] = [];
  const row: number[] = [];
  const x: number[] = [];
  const halfWidth: number[] = [];
  const weight: number[] = [];
  area.unitRows.forEach((rows, u) => {
    rows.forEach((land, k) => {
      if (!land) return;
      for (let i = 0; i + 1 < land.length; i += 2) {
        const width = land[i + 1]! - land[i]!;
        const count = Math.max(1, Math.ceil(width / spacingM));
        const step = width / count;
        for (let j = 0; j < count; j++) {
          unit.push(u);
          row.push(k);
          x.push(land[i]! + (j + 0.5) * step);
          halfWidth.push(step / 2);
          weight.push(step * spacingM);
        }
      }
    });
  });
  const n = x.length;
  const edge = new Int32Array(n).fill(-1);
  const along = new Float64Array(n);
  const leg = new Float64Array(n);
  const { y0, spacingM: h } = area.grid;
  for (let i = 0; i < n; i++) {
    const p = nearestEdgePoint(network, x[i]!, y0 + (row[i]! + 0.5) * h, limits.maxLegM);
    if (!p) continue;
    edge[i] = p.edge;
    along[i] = p.along;
    leg[i] = p.leg;
  }
  return {
    area,
    unitNames: area.unitNames,
    unit: Int32Array.from(unit),
    row: Int32Array.from(row),
    x: Float64Array.from(x),
    halfWidth: Float64Array.from(halfWidth),
    weight: Float64Array.from(weight),
    edge,
    along,
    leg,
  };
}

export interface NetworkFacility {
  geometry: Geometry;
  radiusM: number;
}

export interface NetworkUnitCoverage extends UnitCoverage {
  /** Residential land that joins the network within the leg limit, m². */
  reachedM2: number;
}

export interface NetworkCoverageResult {
  units: NetworkUnitCoverage[];
  /** Per sample: 1 when a serving facility is within its radius along the network. */
  served: Uint8Array;
  /** How many facilities join the network at all. */
  facilitiesReached: number;
}

/**
 * Per unit: the share of residential land whose walking distance along the network to a
 * facility is within that facility's radius. One multi-source search serves all facilities:
 * each starts `Rmax − R` metres "late", so a sample is served exactly when its shifted
 * distance is at most Rmax.
 */
export function networkCoverage(
  samples: NetworkSamples,
  network: EdgeIndex,
  facilities: NetworkFacility[],
  limits: AccessLimits = DEFAULT_ACCESS_LIMITS,
): NetworkCoverageResult {
  const graph = network.graph;
  const maxRadius = facilities.reduce((m, f) => Math.max(m, f.radiusM), 0);
  const points: SourcePoint[] = [];
  let facilitiesReached = 0;
  facilities.forEach((f, i) => {
    const shape = toPlanarShape(f.geometry, samples.area.projection);
    const access = facilityAccess(network, shape, i, limits);
    if (access.length > 0) facilitiesReached++;
    for (const a of access) points.push({ ...a, leg: a.leg + (maxRadius - f.radiusM) });
  });
  const sources = prepareSources(points);
  const result = searchNetwork(graph, sources, 'toward', maxRadius);
  const n = samples.x.length;
  const served = new Uint8Array(n);
  const units = samples.unitNames.map((name) => ({
    name,
    residentialAreaM2: 0,
    coveredM2: 0,
    reachedM2: 0,
    share: null as number | null,
  }));
  for (let i = 0; i < n; i++) {
    const u = units[samples.unit[i]!]!;
    const w = samples.weight[i]!;
    u.residentialAreaM2 += w;
    const edge = samples.edge[i]!;
    if (edge < 0) continue;
    u.reachedM2 += w;
    const p = { edge, along: samples.along[i]!, leg: samples.leg[i]! };
    if (distanceAt(graph, result, sources, p).distance <= maxRadius) {
      served[i] = 1;
      u.coveredM2 += w;
    }
  }
  for (const u of units)
    u.share = u.residentialAreaM2 > 0 ? u.coveredM2 / u.residentialAreaM2 : null;
  return { units, served, facilitiesReached };
}

/** The whole area: sums over the units. */
export function networkTotal(name: string, units: NetworkUnitCoverage[]): NetworkUnitCoverage {
  return { ...totalCoverage(name, units), reachedM2: units.reduce((s, u) => s + u.reachedM2, 0) };
}

/** Served and unserved residential land as row intervals, for drawing the network gaps. */
export function networkGapRows(samples: NetworkSamples, served: Uint8Array) {
  const count = samples.area.grid.count;
  const servedRows: (Intervals | undefined)[] = new Array(count);
  const gapRows: (Intervals | undefined)[] = new Array(count);
  for (let i = 0; i < samples.x.length; i++) {
    const rows = served[i] ? servedRows : gapRows;
    const k = samples.row[i]!;
    const list = (rows[k] ??= []);
    const from = samples.x[i]! - samples.halfWidth[i]!;
    const to = samples.x[i]! + samples.halfWidth[i]!;
    // Samples of one row come in order: extend the last interval when they touch.
    if (list.length > 0 && Math.abs(list[list.length - 1]! - from) < 1e-6)
      list[list.length - 1] = to;
    else list.push(from, to);
  }
  return { served: servedRows, gaps: gapRows };
}
