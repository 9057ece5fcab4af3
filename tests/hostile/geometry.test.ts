import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { scenarioFromGeoJson } from '../../src/analysis/scenario';
import { simplifyLine } from '../../src/analysis/rows/simplify_outline';
import { geometryProblems } from '../../src/data/check';
import { placeHoles } from '../../src/data/hole_placement';
import { ringCrossesItself, ringsCrossEachOther } from '../../src/data/ring_crossing';
import {
  nestedPropertiesGeoJson,
  scenarioWithPark,
  selfCrossingStar,
  surveyOutline,
} from './inputs';

/** A small deterministic generator, so failures can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const report = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
    encoding: 'utf8',
  });

describe('self-crossing rings', () => {
  it('agree with turf.kinks on random rings, crossing or not', () => {
    const next = random(7);
    let crossing = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const n = 3 + Math.floor(next() * (trial < 1000 ? 8 : 60));
      const ring: Position[] = [];
      if (trial % 2 === 0) for (let i = 0; i < n; i++) ring.push([next(), next()]);
      else {
        // Sorted angles give a simple star-shaped ring.
        const angles = Array.from({ length: n }, () => next() * 2 * Math.PI).sort((a, b) => a - b);
        for (const a of angles)
          ring.push([(0.2 + next()) * Math.cos(a), (0.2 + next()) * Math.sin(a)]);
      }
      ring.push(ring[0]!);
      const expected = turf.kinks(turf.polygon([ring])).features.length > 0;
      if (expected) crossing++;
      expect(ringCrossesItself(ring), JSON.stringify(ring)).toBe(expected);
    }
    expect(crossing).toBeGreaterThan(500);
  });

  it('finds touching and folding back, and accepts a plain square', () => {
    expect(
      ringCrossesItself([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
    // Two loops meeting at one vertex (a figure eight).
    expect(
      ringCrossesItself([
        [0, 0],
        [2, 0],
        [2, 2],
        [1, 1],
        [0, 2],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(true);
    // An edge running back along the one before it.
    expect(
      ringCrossesItself([
        [0, 0],
        [2, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(true);
    // A vertex lying on another edge.
    expect(
      ringCrossesItself([
        [0, 0],
        [1, 0],
        [1, 1],
        [0.5, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(true);
    // Repeated positions are not crossings.
    expect(
      ringCrossesItself([
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });

  it('refuses a 20,000-vertex star in the import check and the scenario reader', () => {
    const ring = selfCrossingStar(20_001);
    const problems = geometryProblems({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    expect(problems).toEqual(['self-intersecting ring']);
    const read = scenarioFromGeoJson(JSON.parse(scenarioWithPark(ring)));
    expect(read).toEqual({ ok: false, message: 'feature 0: park polygon: self-intersecting ring' });
  });

  it('accepts a valid 60,000-vertex survey outline', () => {
    const read = scenarioFromGeoJson(JSON.parse(scenarioWithPark(surveyOutline(60_000))));
    expect(read.ok).toBe(true);
  });
});

/**
 * A simple ring of n ≥ 4 vertices around (cx, cy): one vertex in each of n equal sectors at a
 * random radius, so consecutive vertices are less than half a turn apart (star-shaped).
 */
function starShapedRing(next: () => number, cx: number, cy: number, size: number, n: number) {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = ((i + 0.9 * next()) * 2 * Math.PI) / n;
    const r = size * (0.3 + 0.7 * next());
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}

/** Whether segments ab and cd pass through each other (each strictly splits the other). */
function properlyCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const side = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

describe('rings of one polygon crossing each other', () => {
  it('agrees with comparing every pair of edges on thousands of random rings', () => {
    const next = random(5);
    const outcomes = { crossing: 0, apart: 0 };
    for (let trial = 0; trial < 3000; trial++) {
      const rings = [0, 1, 2].map(() =>
        starShapedRing(next, next() * 4, next() * 4, 0.5 + next() * 2, 4 + Math.floor(next() * 8)),
      );
      expect(rings.some(ringCrossesItself)).toBe(false);
      let expected = false;
      for (let r = 0; r < rings.length; r++) {
        for (let s = r + 1; s < rings.length; s++) {
          for (let i = 0; i + 1 < rings[r]!.length; i++) {
            for (let j = 0; j + 1 < rings[s]!.length; j++) {
              const [a, b, c, d] = [
                rings[r]![i]!,
                rings[r]![i + 1]!,
                rings[s]![j]!,
                rings[s]![j + 1]!,
              ];
              if (properlyCross(a, b, c, d)) expected = true;
            }
          }
        }
      }
      expect(ringsCrossEachOther(rings) !== null, JSON.stringify(rings)).toBe(expected);
      outcomes[expected ? 'crossing' : 'apart']++;
    }
    expect(outcomes.crossing).toBeGreaterThan(300);
    expect(outcomes.apart).toBeGreaterThan(300);
  });

  it('lets a hole touch its outer ring at a vertex', () => {
    const outer = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole = [
      [0, 2],
      [2, 1],
      [2, 3],
      [0, 2],
    ];
    expect(ringsCrossEachOther([outer, hole])).toBeNull();
  });
});

describe('a large park with a large hole', () => {
  const park = (outer: Position[], hole: Position[]) => ({
    type: 'Feature' as const,
    properties: {},
    geometry: { type: 'Polygon' as const, coordinates: [outer, hole] },
  });

  it('accepts a 49,000-vertex outline with a 49,000-vertex hole inside it', () => {
    const hole = surveyOutline(49_000, 0.002).reverse();
    expect(geometryProblems(park(surveyOutline(49_000), hole))).toEqual([]);
  });

  it('refuses the same hole moved across the outline', () => {
    const hole = surveyOutline(49_000, 0.002).map(([x, y]) => [x! + 0.0025, y!]);
    expect(geometryProblems(park(surveyOutline(49_000), hole))).toEqual([
      'hole outside its outer ring',
    ]);
  });
});

/** Whether a point lies inside a closed ring, by counting the edges a ray to the east crosses. */
function pointInRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [a, b] = [ring[i]!, ring[i + 1]!];
    if (a[1]! > p[1]! === b[1]! > p[1]!) continue;
    const x = a[0]! + ((p[1]! - a[1]!) / (b[1]! - a[1]!)) * (b[0]! - a[0]!);
    if (x > p[0]!) inside = !inside;
  }
  return inside;
}

const circle = (x: number, y: number, r: number, n: number): Position[] => {
  const ring = Array.from({ length: n }, (_, k): Position => {
    const a = (-2 * Math.PI * k) / n;
    return [x + r * Math.cos(a), y + r * Math.sin(a)];
  });
  return [...ring, ring[0]!];
};

describe('holes outside their outline or inside each other', () => {
  it('agrees with testing every hole against every other ring on random polygons', () => {
    const next = random(11);
    const outcomes = { outside: 0, nested: 0, fine: 0 };
    for (let trial = 0; trial < 2000; trial++) {
      const outer = circle(0, 0, 10, 64);
      // Some holes are drawn inside an earlier one (well within: off its centre by at most
      // half the room left, so no edge of the earlier one's polygon comes near).
      const discs: [number, number, number][] = [];
      for (let k = 2 + Math.floor(next() * 4); k > 0; k--) {
        const host = discs[Math.floor(next() * discs.length)];
        if (host && next() < 0.3) {
          const r = host[2] * (0.2 + next() * 0.3);
          const [off, a] = [(host[2] - r) * 0.5 * next(), next() * 2 * Math.PI];
          discs.push([host[0] + off * Math.cos(a), host[1] + off * Math.sin(a), r]);
        } else {
          discs.push([(next() - 0.5) * 22, (next() - 0.5) * 22, 0.3 + next() * 3]);
        }
      }
      const holes = discs.map(([x, y, r]) => circle(x, y, r, 6 + Math.floor(next() * 7)));
      const rings = [outer, ...holes];
      if (ringsCrossEachOther(rings)) continue;
      const expected = { outside: [] as number[], nested: [] as number[] };
      holes.forEach((hole, i) => {
        if (!pointInRing(hole[0]!, outer)) expected.outside.push(i + 1);
        if (holes.some((other, j) => j !== i && pointInRing(hole[0]!, other))) {
          expected.nested.push(i + 1);
        }
      });
      expect(placeHoles(rings), JSON.stringify(rings)).toEqual(expected);
      if (expected.outside.length > 0) outcomes.outside++;
      if (expected.nested.length > 0) outcomes.nested++;
      if (expected.outside.length + expected.nested.length === 0) outcomes.fine++;
    }
    expect(Math.min(outcomes.outside, outcomes.nested, outcomes.fine)).toBeGreaterThan(50);
  });

  describe('2,000 holes in a 50,000-vertex outline', () => {
    // Holes of 10 vertices on a grid well inside the outline (its radius never falls below
    // 0.0032°), listed in turn from west to east.
    const [cx, cy] = [116.33, 40.07];
    const holes: Position[][] = [];
    for (let i = 0; i < 50 && holes.length < 2000; i++) {
      for (let j = 0; j < 50 && holes.length < 2000; j++) {
        const [x, y] = [cx - 0.0025 + (i + 0.5) * 1e-4, cy - 0.0025 + (j + 0.5) * 1e-4];
        if (Math.hypot(x - cx, y - cy) < 0.0029) holes.push(circle(x, y, 3e-5, 10));
      }
    }
    const outline = surveyOutline(50_000);
    const park = (...more: Position[][]) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Polygon' as const, coordinates: [outline, ...holes, ...more] },
    });

    it('are accepted', () => {
      expect(holes.length).toBe(2000);
      const started = performance.now();
      expect(geometryProblems(park())).toEqual([]);
      // A figure, not an assertion.
      console.log(
        `2,000 holes in a 50,000-vertex outline checked in ${(performance.now() - started).toFixed(0)} ms`,
      );
    });

    it('with one more hole outside the outline, are refused', () => {
      expect(geometryProblems(park(circle(cx + 0.006, cy, 5e-4, 12)))).toEqual([
        'hole outside its outer ring',
      ]);
    });

    it('with one more hole inside one of them, are refused', () => {
      const [x, y] = holes[1234]![0]!.map((v, k) => v - (k === 0 ? 3e-5 : 0)) as [number, number];
      expect(geometryProblems(park(circle(x, y, 1e-5, 8)))).toEqual(['hole inside another hole']);
    });
  });
});

describe('outline simplification for measuring', () => {
  it('keeps every vertex within the tolerance of the simplified line', () => {
    const next = random(11);
    for (let trial = 0; trial < 15; trial++) {
      const flat: number[] = [];
      let x = 0;
      let y = 0;
      for (let i = 0; i < 500; i++) {
        x += next() * 3;
        y += (next() - 0.5) * 4;
        flat.push(x, y);
      }
      const tolerance = 0.5 + next() * 2;
      const simple = simplifyLine(flat, tolerance);
      expect(simple.length).toBeLessThan(flat.length);
      expect(simple.slice(0, 2)).toEqual(flat.slice(0, 2));
      expect(simple.slice(-2)).toEqual(flat.slice(-2));
      for (let i = 0; i < flat.length; i += 2) {
        let best = Infinity;
        for (let j = 0; j + 3 < simple.length; j += 2) {
          best = Math.min(
            best,
            turf.pointToLineDistance(
              [flat[i]!, flat[i + 1]!],
              turf.lineString([
                [simple[j]!, simple[j + 1]!],
                [simple[j + 2]!, simple[j + 3]!],
              ]),
              { units: 'degrees', method: 'planar' },
            ),
          );
        }
        expect(best).toBeLessThanOrEqual(tolerance + 1e-9);
      }
    }
  });
});

describe('npm run report --scenario with hostile scenarios', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-scenario-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses a self-crossing star with one line and exit 2', () => {
    const run = report(
      '--scenario',
      file('star.geojson', scenarioWithPark(selfCrossingStar(20_001))),
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /star\.geojson: feature 0: park polygon: self-intersecting ring$/,
    );
  });

  it('measures a valid 60,000-vertex park, stating the outline tolerance', () => {
    const run = report(
      '--format',
      'json',
      '--scenario',
      file('park.geojson', scenarioWithPark(surveyOutline(60_000))),
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      method: { outline_tolerance_m: number };
      scenario: { edits: number };
    };
    expect(out.method.outline_tolerance_m).toBe(1);
    expect(out.scenario.edits).toBe(1);
  });

  it('refuses deeply nested JSON with the nesting limit, not a stack trace', () => {
    const run = report('--scenario', file('deep.geojson', nestedPropertiesGeoJson(100_000)));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('JSON nesting depth over the limit of 64');
    expect(run.stderr).not.toMatch(/RangeError|\n\s+at /);
  });
});
