import Flatbush from 'flatbush';
import {
  type Intervals,
  intersectIntervals,
  intersectionLength,
  intervalsLength,
  mergeIntervals,
  subtractIntervals,
} from './intervals';
import { toPlanarShape } from '../planar_shape';
import { addReachIntervals } from './reach_rows';
import {
  type FacilityReach,
  type PreparedArea,
  type UnitCoverage,
  totalCoverage,
} from './row_coverage';
import { rowRange } from './row_sampling';

/** A facility that a later change can remove by its id. */
export interface IdentifiedReach extends FacilityReach {
  id: string;
}

interface BaselineFacility {
  id: string;
  radiusM: number;
  /** The rows its reach spans (inclusive); first > last when it reaches none. */
  first: number;
  last: number;
  /** Its own merged reach per row: rows[i] is row first + i. */
  rows: (Intervals | undefined)[];
  /** Its reach's box: the shape's box grown by the radius. */
  box: [minX: number, minY: number, maxX: number, maxY: number];
}

/**
 * One indicator's coverage with all its facilities, kept so that edits (facilities added or
 * removed) can be measured by redoing only the rows they touch.
 */
export interface CoverageBaseline {
  area: PreparedArea;
  wholeName: string;
  facilities: BaselineFacility[];
  byId: Map<string, number[]>;
  /** R-tree over the facilities' reach boxes (its item i is facility indexed[i]). */
  index: Flatbush | null;
  indexed: number[];
  /** Per row, the merged reach of all facilities (as reachRows). */
  reach: (Intervals | undefined)[];
  /** Per unit, per row: the covered length of the unit's residential land, m. */
  unitRowCovered: Float64Array[];
  /** Per unit: residential and covered length summed over rows, m (times spacing = m²). */
  unitResidential: number[];
  unitCovered: number[];
}

export interface CoverageChange {
  added: readonly FacilityReach[];
  /** Ids of baseline facilities to drop; unknown ids are ignored. */
  removedIds: readonly string[];
}

export interface CoverageUpdate {
  /** The seven units, then the whole area — as measureCoverage plus totalCoverage. */
  coverage: UnitCoverage[];
  /** Per row: residential land served after the change but not before. */
  newlyServed: (Intervals | undefined)[];
  /** Per row: residential land served before the change but not after. */
  lostService: (Intervals | undefined)[];
  /** Rows whose reach was recomputed. */
  affectedRows: number;
  /** Baseline facilities the removals matched. */
  removedCount: number;
}

export function createBaseline(
  area: PreparedArea,
  facilities: readonly IdentifiedReach[],
  wholeName: string,
): CoverageBaseline {
  const { grid } = area;
  // Each facility's rows are kept, so that a removal rebuilds rows without redoing geometry.
  const scratch: (number[] | undefined)[] = new Array(grid.count);
  const pairs: (number[] | undefined)[] = new Array(grid.count);
  const entries: BaselineFacility[] = facilities.map((f) => {
    const shape = toPlanarShape(f.geometry, area.projection);
    const [minX, minY, maxX, maxY] = shape.bbox;
    const r = f.radiusM;
    const [first, last] = rowRange(grid, minY - r, maxY + r);
    addReachIntervals(scratch, shape, r, grid, area.wantedRows);
    const rows: (Intervals | undefined)[] = [];
    for (let k = first; k <= last; k++) {
      const row = scratch[k];
      if (!row) continue;
      rows[k - first] = row;
      scratch[k] = undefined;
      const bucket = (pairs[k] ??= []);
      for (const v of row) bucket.push(v);
    }
    const box: BaselineFacility['box'] = [minX - r, minY - r, maxX + r, maxY + r];
    return { id: f.id, radiusM: r, first, last, rows, box };
  });
  const byId = new Map<string, number[]>();
  entries.forEach((f, i) => {
    const list = byId.get(f.id);
    if (list) list.push(i);
    else byId.set(f.id, [i]);
  });
  // Facilities without positions reach nothing and stay out of the R-tree.
  const indexed = entries.flatMap((f, i) => (Number.isFinite(f.box[0]) ? [i] : []));
  let index: Flatbush | null = null;
  if (indexed.length > 0) {
    index = new Flatbush(indexed.length);
    for (const i of indexed) {
      const box = entries[i]!.box;
      index.add(box[0], box[1], box[2], box[3]);
    }
    index.finish();
  }
  const reach = pairs.map((row) => (row ? mergeIntervals(row) : undefined));
  const unitRowCovered = area.unitRows.map(() => new Float64Array(grid.count));
  const unitResidential: number[] = [];
  const unitCovered: number[] = [];
  // Summed in row order, as measureCoverage does, so the baseline equals it exactly.
  area.unitRows.forEach((rows, u) => {
    let residential = 0;
    let covered = 0;
    rows.forEach((land, k) => {
      if (!land) return;
      residential += intervalsLength(land);
      const r = reach[k];
      if (!r) return;
      const length = intersectionLength(land, r);
      unitRowCovered[u]![k] = length;
      covered += length;
    });
    unitResidential.push(residential);
    unitCovered.push(covered);
  });
  return {
    area,
    wholeName,
    facilities: entries,
    byId,
    index,
    indexed,
    reach,
    unitRowCovered,
    unitResidential,
    unitCovered,
  };
}

/** The baseline's own coverage: units, then the whole area. */
export function baselineCoverage(baseline: CoverageBaseline): UnitCoverage[] {
  return coverageFrom(baseline, baseline.unitCovered);
}

function coverageFrom(baseline: CoverageBaseline, coveredLengths: number[]): UnitCoverage[] {
  const h = baseline.area.grid.spacingM;
  const units = baseline.area.unitNames.map((name, u) => {
    const residentialAreaM2 = baseline.unitResidential[u]! * h;
    const coveredM2 = Math.min(residentialAreaM2, Math.max(0, coveredLengths[u]! * h));
    return {
      name,
      residentialAreaM2,
      coveredM2,
      share: residentialAreaM2 > 0 ? coveredM2 / residentialAreaM2 : null,
    };
  });
  return [...units, totalCoverage(baseline.wholeName, units)];
}

/**
 * Coverage after adding and removing facilities, recomputing only the rows they reach.
 *
 * An added facility's reach is merged into the baseline rows it reaches. A removed facility
 * changes its rows only within its reach box's x-range (its "window"): there, a row is rebuilt
 * from the kept rows of the remaining facilities whose reach box meets the window (found in the
 * R-tree); outside it, the baseline row stands. Interval ends are copied, never computed anew,
 * so the rows equal a full recomputation's.
 */
export function updateCoverage(baseline: CoverageBaseline, change: CoverageChange): CoverageUpdate {
  const { area, facilities } = baseline;
  const { grid } = area;
  const removed = new Set<number>();
  for (const id of change.removedIds) for (const i of baseline.byId.get(id) ?? []) removed.add(i);

  // Per affected row: windows of removed facilities, then the new reach pairs.
  const windows: (number[] | undefined)[] = new Array(grid.count);
  const rebuildRows = new Uint8Array(grid.count);
  let low = grid.count;
  let high = -1;
  const candidates = new Set<number>();
  for (const i of removed) {
    const f = facilities[i]!;
    for (let k = f.first; k <= f.last; k++) {
      if (!area.wantedRows[k]) continue;
      rebuildRows[k] = 1;
      (windows[k] ??= []).push(f.box[0], f.box[2]);
    }
    if (f.first <= f.last) {
      low = Math.min(low, f.first);
      high = Math.max(high, f.last);
    }
    for (const item of baseline.index?.search(f.box[0], f.box[1], f.box[2], f.box[3]) ?? []) {
      const j = baseline.indexed[item]!;
      if (!removed.has(j)) candidates.add(j);
    }
  }
  const rebuilt: (number[] | undefined)[] = new Array(grid.count);
  for (const j of candidates) {
    const f = facilities[j]!;
    f.rows.forEach((row, i) => {
      const k = f.first + i;
      if (!row || !rebuildRows[k]) return;
      const bucket = (rebuilt[k] ??= []);
      for (const v of row) bucket.push(v);
    });
  }
  const added: (number[] | undefined)[] = new Array(grid.count);
  for (const f of change.added) {
    const shape = toPlanarShape(f.geometry, area.projection);
    const [first, last] = rowRange(grid, shape.bbox[1] - f.radiusM, shape.bbox[3] + f.radiusM);
    if (first > last) continue;
    low = Math.min(low, first);
    high = Math.max(high, last);
    addReachIntervals(added, shape, f.radiusM, grid, area.wantedRows);
  }

  const delta = new Array<number>(area.unitNames.length).fill(0);
  const newlyServed: (Intervals | undefined)[] = new Array(grid.count);
  const lostService: (Intervals | undefined)[] = new Array(grid.count);
  let affectedRows = 0;
  for (let k = Math.max(0, low); k <= high; k++) {
    if (!rebuildRows[k] && !added[k]) continue;
    affectedRows++;
    const before = baseline.reach[k];
    const addedRow = added[k];
    const rebuiltRow = rebuilt[k];
    let after = before;
    if (rebuildRows[k]) {
      const window = mergeIntervals(windows[k] ?? []);
      const kept = before ? subtractIntervals(before, window) : [];
      const inside = rebuiltRow ? intersectIntervals(mergeIntervals(rebuiltRow), window) : [];
      after = mergeIntervals([...kept, ...inside, ...(addedRow ?? [])]);
    } else if (addedRow) {
      after = mergeIntervals(before ? [...before, ...addedRow] : addedRow);
    }
    area.unitRows.forEach((rows, u) => {
      const land = rows[k];
      if (!land) return;
      const length = after && after.length > 0 ? intersectionLength(land, after) : 0;
      delta[u] = delta[u]! + length - baseline.unitRowCovered[u]![k]!;
    });
    const land = area.residentialRows[k];
    if (!land) continue;
    const gained = after ? (before ? subtractIntervals(after, before) : after) : [];
    const lost = before ? (after ? subtractIntervals(before, after) : before) : [];
    if (gained.length > 0) newlyServed[k] = intersectIntervals(land, gained);
    if (lost.length > 0) lostService[k] = intersectIntervals(land, lost);
  }
  const covered = baseline.unitCovered.map((c, u) => c + delta[u]!);
  return {
    coverage: coverageFrom(baseline, covered),
    newlyServed,
    lostService,
    affectedRows,
    removedCount: removed.size,
  };
}
