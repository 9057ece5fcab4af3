import type { Polygon } from 'geojson';
import type { KnownExtent } from '../data/completeness';
import type { FlatRows } from './rows/coverage_kernel';
import { rowOf } from './rows/prepare_kernel';
import {
  type Intervals,
  flatIntersect,
  flatIntersectionLength,
  flatLength,
  flatSubtract,
  intersectIntervals,
  intersectionLength,
  intervalsLength,
  subtractIntervals,
} from './rows/intervals';
import { toPlanarShape } from './planar_shape';
import type { PreparedArea, UnitCoverage } from './rows/row_coverage';
import { type RangedRows, ringRows, unionRows } from './rows/row_sampling';

/**
 * Per row: the residential land where an indicator's facility data is known complete; null
 * when it is known everywhere. Unserved land inside is a gap, outside it is unknown.
 */
export type KnownRows = (Intervals | undefined)[] | null;

/** Points per box edge: a meridian is slightly curved in the sinusoidal projection. */
const EDGE_POINTS = 16;

function boxPolygon([west, south, east, north]: number[]): Polygon {
  const ring: number[][] = [];
  const edge = (from: number[], to: number[]) => {
    for (let i = 0; i < EDGE_POINTS; i++) {
      const t = i / EDGE_POINTS;
      ring.push([from[0]! + (to[0]! - from[0]!) * t, from[1]! + (to[1]! - from[1]!) * t]);
    }
  };
  edge([west!, south!], [east!, south!]);
  edge([east!, south!], [east!, north!]);
  edge([east!, north!], [west!, north!]);
  edge([west!, north!], [west!, south!]);
  ring.push([west!, south!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The known extent's residential land, row by row (undefined extent: known everywhere). */
export function knownRows(area: PreparedArea, extent: KnownExtent | undefined): KnownRows {
  if (!extent) return null;
  const sets: RangedRows[] = extent.boxes.map((box) =>
    ringRows(toPlanarShape(boxPolygon(box), area.projection), area.grid),
  );
  for (const name of extent.units) {
    const u = area.unitNames.indexOf(name);
    if (u >= 0) sets.push({ first: 0, rows: area.unitRows[u]! });
  }
  const known = unionRows(area.grid, sets);
  const rows: (Intervals | undefined)[] = [];
  const flat = area.flatResidentialRows;
  for (let k = 0; k < known.length; k++) {
    const row = known[k];
    if (flat) {
      const inLand = row && flat.defined[k];
      rows.push(
        inLand
          ? flatIntersect(flat.values, flat.offsets[k]!, flat.offsets[k + 1]!, row)
          : undefined,
      );
      continue;
    }
    const land = area.residentialRows[k];
    rows.push(row && land ? intersectIntervals(row, land) : undefined);
  }
  return rows;
}

/** A unit's residential land by what the data knows of it, m². */
export interface UnitKnowledge {
  /** Inside the known extent, served or not. */
  knownM2: number;
  /** Out of reach of every known facility and outside the known extent. */
  unknownM2: number;
}

/** Land out of reach and outside the known extent, in one row of one unit. */
function unknownLength(
  land: Intervals,
  reach: Intervals | undefined,
  known: Intervals | undefined,
): number {
  const unserved = reach ? subtractIntervals(land, reach) : land;
  return intervalsLength(known ? subtractIntervals(unserved, known) : unserved);
}

/** Per unit: known and unknown residential land for the given reach. */
export function unitKnowledge(
  area: PreparedArea,
  reach: readonly (Intervals | undefined)[],
  known: KnownRows,
): UnitKnowledge[] {
  if (area.flatUnitRows) return flatUnitKnowledge(area, area.flatUnitRows, reach, known);
  const h = area.grid.spacingM;
  // Plain loops, not callbacks per row: the first analysis runs this unoptimised.
  return area.unitRows.map((rows) => {
    let knownLength = 0;
    let unknown = 0;
    for (let k = 0; k < rows.length; k++) {
      const land = rows[k];
      if (!land) continue;
      if (known === null) {
        knownLength += intervalsLength(land);
        continue;
      }
      const inside = known[k];
      if (inside) knownLength += intersectionLength(land, inside);
      unknown += unknownLength(land, reach[k], inside);
    }
    return { knownM2: knownLength * h, unknownM2: unknown * h };
  });
}

/** Room for one row's unserved land, reused by every row. */
let unserved = new Float64Array(256);

/**
 * `unitKnowledge` on the units' flat rows: the same sums in the same order, with no array per
 * row (a row the arrays leave empty adds nothing to either sum, as here it is skipped).
 */
function flatUnitKnowledge(
  area: PreparedArea,
  flat: FlatRows,
  reach: readonly (Intervals | undefined)[],
  known: KnownRows,
): UnitKnowledge[] {
  const h = area.grid.spacingM;
  const rowCount = area.grid.count;
  const { offsets, values } = flat;
  const result: UnitKnowledge[] = [];
  for (let u = 0; u < area.unitNames.length; u++) {
    let knownLength = 0;
    let unknown = 0;
    const offset = u * (rowCount + 1);
    for (let k = 0; k < rowCount; k++) {
      const from = offsets[offset + k]!;
      const to = offsets[offset + k + 1]!;
      if (to === from) continue;
      if (known === null) {
        knownLength += flatLength(values, from, to);
        continue;
      }
      const inside = known[k];
      if (inside) knownLength += flatIntersectionLength(values, from, to, inside);
      const r = reach[k];
      if (!r) {
        unknown += inside
          ? flatSubtract(values, from, to, inside, null)
          : flatLength(values, from, to);
        continue;
      }
      if (unserved.length < to - from + r.length)
        unserved = new Float64Array(2 * (to - from + r.length));
      const n = flatSubtract(values, from, to, r, unserved);
      unknown += inside ? flatSubtract(unserved, 0, n, inside, null) : flatLength(unserved, 0, n);
    }
    result.push({ knownM2: knownLength * h, unknownM2: unknown * h });
  }
  return result;
}

/**
 * The knowledge after a change of reach, from the knowledge before and the residential land
 * the change served anew or left out of reach (only those rows change).
 */
export function knowledgeAfterChange(
  area: PreparedArea,
  before: readonly UnitKnowledge[],
  known: KnownRows,
  newlyServed: readonly (Intervals | undefined)[],
  lostService: readonly (Intervals | undefined)[],
): UnitKnowledge[] {
  if (known === null) return before.map((b) => ({ ...b }));
  const h = area.grid.spacingM;
  const outside = (rows: readonly (Intervals | undefined)[], u: number) => {
    let length = 0;
    rows.forEach((row, k) => {
      const land = area.unitRows[u]![k];
      if (!row || !land) return;
      const mine = intersectIntervals(row, land);
      const inside = known[k];
      length += intervalsLength(inside ? subtractIntervals(mine, inside) : mine);
    });
    return length * h;
  };
  return before.map((b, u) => ({
    knownM2: b.knownM2,
    unknownM2: Math.max(0, b.unknownM2 - outside(newlyServed, u) + outside(lostService, u)),
  }));
}

/** Unserved land split into gaps (inside the known extent) and unknown land (outside it). */
export function gapAndUnknownRows(
  area: PreparedArea,
  reach: readonly (Intervals | undefined)[],
  known: KnownRows,
) {
  const gaps: (Intervals | undefined)[] = [];
  const unknown: (Intervals | undefined)[] = [];
  const flat = area.flatResidentialRows;
  const residential = flat ? null : area.residentialRows;
  for (let k = 0; k < area.grid.count; k++) {
    let unserved: Intervals;
    const r = reach[k];
    if (flat) {
      // The same rows from the flat land: unreached land copied, as the array row was given.
      if (!flat.defined[k]) continue;
      const from = flat.offsets[k]!;
      const to = flat.offsets[k + 1]!;
      if (r) {
        unserved = [];
        flatSubtract(flat.values, from, to, r, unserved);
      } else unserved = rowOf(flat.values, from, to);
    } else {
      const land = residential![k];
      if (!land) continue;
      unserved = r ? subtractIntervals(land, r) : land;
    }
    if (known === null) {
      gaps[k] = unserved;
      continue;
    }
    const inside = known[k];
    gaps[k] = inside ? intersectIntervals(unserved, inside) : [];
    unknown[k] = inside ? subtractIntervals(unserved, inside) : unserved;
  }
  return { gaps, unknown };
}

/** Below this much residential land (m²), known or served, a unit has no data. */
const NO_DATA_BELOW_M2 = 1;

/** One indicator's figure for one row of the table. */
export interface IndicatorFigure {
  /** Null when the row has no data for the indicator. */
  coveredM2: number | null;
  /** coveredM2 over the row's residential land (whole area: of the measured units). */
  share: number | null;
  /** Residential land neither served by a known facility nor inside the known extent. */
  unknownM2: number;
  /** No residential land of the row lies where the facility data is known, none is served. */
  noData: boolean;
  /** Unknown land exists: the share is a lower bound. */
  lowerBound: boolean;
  /** Whole area only: the units its figure covers and their residential land. */
  measuredUnits?: string[];
  residentialAreaM2?: number;
}

/**
 * The figures of one indicator: each unit (a unit with no known land and none a known
 * facility serves has no data at all), then the whole area over exactly the units with data. `coverage` holds the units first, as
 * measureCoverage returns them; `knowledge` is per unit.
 */
export function indicatorFigures(
  coverage: readonly UnitCoverage[],
  knowledge: readonly UnitKnowledge[],
): IndicatorFigure[] {
  const units = knowledge.map((k, u) => {
    const c = coverage[u]!;
    const noData = k.knownM2 < NO_DATA_BELOW_M2 && c.coveredM2 < NO_DATA_BELOW_M2;
    return {
      name: c.name,
      residentialAreaM2: c.residentialAreaM2,
      figure: {
        coveredM2: noData ? null : c.coveredM2,
        share: noData ? null : c.share,
        unknownM2: noData ? c.residentialAreaM2 : k.unknownM2,
        noData,
        lowerBound: noData ? false : k.unknownM2 > 0,
      } satisfies IndicatorFigure,
    };
  });
  const measured = units.filter((u) => !u.figure.noData);
  const residentialAreaM2 = measured.reduce((s, u) => s + u.residentialAreaM2, 0);
  const coveredM2 = measured.reduce((s, u) => s + u.figure.coveredM2!, 0);
  const unknownM2 = measured.reduce((s, u) => s + u.figure.unknownM2, 0);
  const noData = measured.length === 0;
  const whole: IndicatorFigure = {
    coveredM2: noData ? null : coveredM2,
    share: noData || residentialAreaM2 <= 0 ? null : coveredM2 / residentialAreaM2,
    unknownM2: noData ? units.reduce((s, u) => s + u.residentialAreaM2, 0) : unknownM2,
    noData,
    lowerBound: !noData && unknownM2 > 0,
    measuredUnits: measured.map((u) => u.name),
    residentialAreaM2,
  };
  return [...units.map((u) => u.figure), whole];
}
