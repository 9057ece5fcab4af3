import {
  BOTH,
  type WalkGraph,
  type WalkSegment,
  createGraph,
} from '../../src/analysis/network/graph';

export interface StreetGridOptions {
  /** The first node, planar metres. Default [0, 0]. */
  origin?: readonly [x: number, y: number];
  /** Moves node n (row by row) off its grid point, metres. Default: none. */
  shift?: (node: number) => readonly [dx: number, dy: number];
  /**
   * Link k's direction (FORWARD, BACKWARD or BOTH; links in order: each node's east link, then
   * its north link), or null for no link. Default: all two-way.
   */
  direction?: (link: number) => number | null;
}

/**
 * A street grid of `columns` × `rows` nodes `stepM` metres apart, two-way unless told
 * otherwise: a walk between two nodes of the plain grid is their Manhattan distance. For the
 * bench and the tests; the app never builds one.
 */
export function streetGrid(
  columns: number,
  rows: number,
  stepM: number,
  { origin = [0, 0], shift, direction = () => BOTH }: StreetGridOptions = {},
): WalkGraph {
  const xy: number[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const [dx, dy] = shift?.(j * columns + i) ?? [0, 0];
      xy.push(origin[0] + i * stepM + dx, origin[1] + j * stepM + dy);
    }
  }
  const segments: WalkSegment[] = [];
  let k = 0;
  const link = (a: number, b: number) => {
    const d = direction(k++);
    if (d === null) return;
    segments.push({
      from: a,
      to: b,
      coords: [xy[2 * a]!, xy[2 * a + 1]!, xy[2 * b]!, xy[2 * b + 1]!],
      direction: d,
    });
  };
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      if (i + 1 < columns) link(j * columns + i, j * columns + i + 1);
      if (j + 1 < rows) link(j * columns + i, (j + 1) * columns + i);
    }
  }
  return createGraph(xy, segments);
}
