/**
 * The projection's cosine: as accurate as the engine's Math.cos, and the same bits whatever
 * the engine's are (see tests/analysis/rows/prepared_rows_file.test.ts for why it matters).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exactCosine } from '../../src/analysis/exact_cosine';

afterEach(() => {
  vi.restoreAllMocks();
});

/** How many doubles apart a and b are (both finite, of one sign). */
function ulpsApart(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

const angles = (): number[] => {
  const list = [0, -0, 1e-12, 0.3, 0.78125, Math.PI / 4, Math.PI / 2, -Math.PI / 2, 2.35, -2.35];
  // Every latitude in steps of a little over a millidegree, and the area's in microdegrees.
  for (let lat = -90; lat <= 90; lat += 0.001037) list.push((lat * Math.PI) / 180);
  for (let i = 0; i < 200_000; i++) list.push(((39.9 + i * 1e-6) * Math.PI) / 180);
  return list;
};

describe('exactCosine', () => {
  it("is within one unit in the last place of the engine's cosine", () => {
    for (const x of angles()) {
      const apart = ulpsApart(exactCosine(x), Math.cos(x));
      if (apart > 1) expect({ x, apart }).toEqual({ x, apart: 1 });
    }
  });

  it("does not depend on the engine's Math.cos for any latitude", () => {
    const xs = angles();
    const before = xs.map(exactCosine);
    const cos = Math.cos;
    vi.spyOn(Math, 'cos').mockImplementation((x) => cos(x) * (1 + Number.EPSILON));
    expect(xs.map(exactCosine)).toEqual(before);
  });
});
