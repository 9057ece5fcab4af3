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
