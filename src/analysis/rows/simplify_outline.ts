import type { PlanarShape } from '../planar_shape';

/**
 * How far (m) a facility's outline may move when it is simplified for measuring reach: a
 * quarter of the 4 m row spacing the coverage is sampled at, so the figures move by far less
 * than the sampling's own error while a survey outline of tens of thousands of vertices shrinks
 * to the few hundred that matter. Reported with the results.
 */
export const OUTLINE_TOLERANCE_M = 1;

/**
 * The shape with its rings and paths simplified (Douglas–Peucker, iterative, in planar
 * metres): no point of the original is farther than `tolerance` from the simplified line.
 * Points and the bounding box are kept as they are.
 */
export function simplifyShape(shape: PlanarShape, tolerance = OUTLINE_TOLERANCE_M): PlanarShape {
  return {
    points: shape.points,
    paths: shape.paths.map((line) => simplifyLine(line, tolerance)),
    rings: shape.rings.map((ring) => simplifyLine(ring, tolerance)),
    bbox: shape.bbox,
  };
}

/** A flat [x0, y0, …] line simplified; its ends (a ring's closing point) are kept. */
export function simplifyLine(line: number[], tolerance: number): number[] {
  const n = line.length / 2;
  if (n <= 4) return line;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // A closed ring's ends coincide: split it at its farthest point so both halves have a chord.
  const closed = line[0] === line[2 * n - 2] && line[1] === line[2 * n - 1];
  const stack: number[] = [];
  if (closed) {
    let far = 1;
    let best = -1;
    for (let i = 1; i < n - 1; i++) {
      const d = Math.hypot(line[2 * i]! - line[0]!, line[2 * i + 1]! - line[1]!);
      if (d > best) {
        best = d;
        far = i;
      }
    }
    keep[far] = 1;
    stack.push(0, far, far, n - 1);
  } else stack.push(0, n - 1);
  const squared = tolerance * tolerance;
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const ax = line[2 * first]!;
    const ay = line[2 * first + 1]!;
    const dx = line[2 * last]! - ax;
    const dy = line[2 * last + 1]! - ay;
    const length2 = dx * dx + dy * dy;
    let worst = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const px = line[2 * i]! - ax;
      const py = line[2 * i + 1]! - ay;
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worst) {
        worst = d2;
        index = i;
      }
    }
    if (index >= 0 && worst > squared) {
      keep[index] = 1;
      stack.push(first, index, index, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(line[2 * i]!, line[2 * i + 1]!);
  return out;
}
