import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  PathData,
  type RingPath,
  packPolygons,
  traceRings,
  transformFromSamples,
} from '../../src/layers/preview_polygons';

/** Records path calls as text, e.g. "M 1 2", "L 3 4", "Z". */
function recorder(): RingPath & { calls: string[] } {
  const calls: string[] = [];
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    calls,
    moveTo: (x, y) => calls.push(`M ${round(x)} ${round(y)}`),
    lineTo: (x, y) => calls.push(`L ${round(x)} ${round(y)}`),
    closePath: () => calls.push('Z'),
  };
}

const collection: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          // Outer ring, then a hole.
          [
            [0, 0],
            [90, 0],
            [90, 45],
            [0, 0],
          ],
          [
            [10, 1],
            [20, 1],
            [20, 2],
            [10, 1],
          ],
        ],
      },
    },
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [5, 5] } },
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [-180, 0],
              [-90, 0],
              [-90, -45],
              [-180, 0],
            ],
          ],
        ],
      },
    },
  ],
};

describe('packPolygons', () => {
  it('keeps every ring of polygons and multipolygons, in order, and skips other geometries', () => {
    const packed = packPolygons(collection);
    expect([...packed.ringEnds]).toEqual([4, 8, 12]);
    expect(packed.coordinates).toHaveLength(24);
  });

  it('gives Web Mercator units: the equator and meridian at 0.5, the antimeridian at 0 and 1', () => {
    const { coordinates } = packPolygons(collection);
    // (0°, 0°) is the middle of the world; 90° east is three quarters across.
    expect([coordinates[0], coordinates[1]]).toEqual([0.5, 0.5]);
    expect(coordinates[2]).toBe(0.75);
    // 45° N: y = 1/2 − ln(tan(67.5°)) / (2π) = 1/2 − 0.881374 / 6.283185.
    expect(coordinates[5]).toBeCloseTo(0.5 - 0.881374 / 6.283185, 6);
    // The multipolygon starts on the antimeridian; 45° S mirrors 45° N.
    expect(coordinates[16]).toBe(0);
    expect(coordinates[21]).toBeCloseTo(0.5 + 0.881374 / 6.283185, 6);
  });
});

describe('transformFromSamples', () => {
  it('recovers a north-up map at zoom 10: pixels = (mercator − centre) × 512 × 2^10 + half the canvas', () => {
    const worldSize = 512 * 2 ** 10;
    const centre = [0.8, 0.4] as const;
    const screen = (x: number, y: number) => ({
      x: (x - centre[0]) * worldSize + 640,
      y: (y - centre[1]) * worldSize + 400,
    });
    const step = 1e-4;
    const t = transformFromSamples(
      centre,
      step,
      screen(0.8, 0.4),
      screen(0.8 + step, 0.4),
      screen(0.8, 0.4 + step),
    );
    expect(t.a).toBeCloseTo(worldSize, 3);
    expect(t.d).toBeCloseTo(worldSize, 3);
    expect(t.b).toBeCloseTo(0, 6);
    expect(t.c).toBeCloseTo(0, 6);
    // A point 100 px right and 50 px below the centre.
    const x = 0.8 + 100 / worldSize;
    const y = 0.4 + 50 / worldSize;
    expect(t.a * x + t.c * y + t.e).toBeCloseTo(740, 3);
    expect(t.b * x + t.d * y + t.f).toBeCloseTo(450, 3);
  });

  it('follows a map turned a quarter east (bearing 90°): north points right', () => {
    // Turned 90°: a step east (x) goes down the screen, a step south (y) goes left.
    const t = transformFromSamples([0, 0], 1, { x: 10, y: 20 }, { x: 10, y: 30 }, { x: 0, y: 20 });
    expect([t.a, t.b, t.c, t.d, t.e, t.f]).toEqual([0, 10, -10, 0, 10, 20]);
  });
});

describe('traceRings', () => {
  it('draws each ring as move, lines and close, in pixels', () => {
    const packed = {
      coordinates: new Float64Array([0, 0, 1, 0, 1, 1, 0, 0, 2, 2, 3, 2, 3, 3]),
      ringEnds: new Uint32Array([4, 7]),
    };
    const path = recorder();
    traceRings(packed, { a: 10, b: 0, c: 0, d: 10, e: 5, f: 7 }, path);
    expect(path.calls).toEqual([
      'M 5 7',
      'L 15 7',
      'L 15 17',
      'L 5 7',
      'Z',
      'M 25 27',
      'L 35 27',
      'L 35 37',
      'Z',
    ]);
  });

  it('leaves out vertices within half a pixel of the last one drawn, and rings under three vertices', () => {
    const packed = {
      coordinates: new Float64Array([0, 0, 0.04, 0.04, 1, 0, 1, 1, 5, 5, 6, 6]),
      ringEnds: new Uint32Array([4, 6]),
    };
    const path = recorder();
    traceRings(packed, { a: 10, b: 0, c: 0, d: 10, e: 0, f: 0 }, path);
    expect(path.calls).toEqual(['M 0 0', 'L 10 0', 'L 10 10', 'Z']);
  });

  it('writes SVG path data with pixels to a tenth', () => {
    const packed = {
      coordinates: new Float64Array([0, 0, 1, 0, 1, 1]),
      ringEnds: new Uint32Array([3]),
    };
    const path = new PathData();
    traceRings(packed, { a: 10.04, b: 0, c: 0, d: 10, e: 0.26, f: -5 }, path);
    expect(String(path)).toBe('M0.3 -5L10.3 -5L10.3 5Z');
  });
});
