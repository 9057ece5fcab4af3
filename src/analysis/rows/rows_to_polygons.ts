import type { Position } from 'geojson';
import type { Intervals } from './intervals';
import type { LocalProjection } from '../local_projection';
import { type RowGrid, rowY } from './row_sampling';

/** Milliseconds spent in rowsToPolygons since the caller last reset it (for stage timing). */
export const polygonClock = { ms: 0 };

interface Chain {
  firstRow: number;
  left: number[];
  right: number[];
}

/**
 * Turns row intervals back into polygons for the map: an interval that continues one-to-one
 * into the next row extends a chain whose sides join the exact interval ends; where pieces
 * split or merge, chains end and new ones start. Sides are simplified to `toleranceM`.
 * Returns lon/lat polygons (outer rings only — the chains tile the region without holes).
 */
export function rowsToPolygons(
  rows: readonly (Intervals | undefined)[],
  grid: RowGrid,
  projection: LocalProjection,
  toleranceM = 0.5,
): Position[][][] {
  const startedAt = performance.now();
  const polygons: Position[][][] = [];
  const close = (chain: Chain) => polygons.push([chainRing(chain, grid, projection, toleranceM)]);
  let active: Chain[] = [];
  let previous: Intervals = [];
  for (let k = 0; k <= grid.count; k++) {
    const current = (k < grid.count ? rows[k] : undefined) ?? [];
    const chainLinks = new Array<number>(active.length).fill(0);
    const intervalLinks = new Array<number>(current.length / 2).fill(0);
    const partner = new Array<number>(current.length / 2).fill(-1);
    for (let i = 0, j = 0; i < previous.length && j < current.length;) {
      if (previous[i]! < current[j + 1]! && current[j]! < previous[i + 1]!) {
        chainLinks[i / 2]!++;
        intervalLinks[j / 2]!++;
        partner[j / 2] = i / 2;
      }
      if (previous[i + 1]! < current[j + 1]!) i += 2;
      else j += 2;
    }
    const next: Chain[] = [];
    const continued = new Set<number>();
    for (let j = 0; j < current.length / 2; j++) {
      const c = partner[j]!;
      if (intervalLinks[j] === 1 && c >= 0 && chainLinks[c] === 1) {
        const chain = active[c]!;
        chain.left.push(current[2 * j]!);
        chain.right.push(current[2 * j + 1]!);
        next.push(chain);
        continued.add(c);
      } else {
        next.push({ firstRow: k, left: [current[2 * j]!], right: [current[2 * j + 1]!] });
      }
    }
    active.forEach((chain, c) => {
      if (!continued.has(c)) close(chain);
    });
    active = next;
    previous = current;
  }
  polygonClock.ms += performance.now() - startedAt;
  return polygons;
}

function chainRing(
  chain: Chain,
  grid: RowGrid,
  projection: LocalProjection,
  toleranceM: number,
): Position[] {
  const half = grid.spacingM / 2;
  const last = chain.firstRow + chain.left.length - 1;
  const side = (xs: number[]) => {
    const points: number[][] = [[xs[0]!, rowY(grid, chain.firstRow) - half]];
    xs.forEach((x, i) => points.push([x, rowY(grid, chain.firstRow + i)]));
    points.push([xs[xs.length - 1]!, rowY(grid, last) + half]);
    return simplifyLine(points, toleranceM);
  };
  const ring = [...side(chain.left), ...side(chain.right).reverse()];
  ring.push(ring[0]!);
  return ring.map((p) => projection.inverse(p).map((v) => Math.round(v * 1e7) / 1e7));
}

/** Douglas–Peucker: drops points closer than `tolerance` to the simplified line. */
export function simplifyLine(points: number[][], tolerance: number): number[][] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    const length = Math.hypot(bx! - ax!, by! - ay!);
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]!;
      const d =
        length === 0
          ? Math.hypot(px! - ax!, py! - ay!)
          : Math.abs((bx! - ax!) * (ay! - py!) - (ax! - px!) * (by! - ay!)) / length;
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
