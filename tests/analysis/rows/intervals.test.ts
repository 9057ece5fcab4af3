import { describe, expect, it } from 'vitest';
import {
  intersectIntervals,
  intersectionLength,
  intervalsLength,
  mergeIntervals,
  subtractIntervals,
} from '../../../src/analysis/rows/intervals';

describe('row intervals', () => {
  it('merges overlapping and touching pairs given in any order', () => {
    expect(mergeIntervals([5, 6, 0, 2, 1, 3, 3, 4, 8, 9])).toEqual([0, 4, 5, 6, 8, 9]);
    expect(mergeIntervals([])).toEqual([]);
  });

  it('sorts long lists (the quicksort path) correctly', () => {
    const pairs: number[] = [];
    for (let i = 0; i < 200; i++) pairs.push((i * 37) % 200, ((i * 37) % 200) + 0.5);
    const merged = mergeIntervals(pairs);
    expect(merged.length).toBe(400);
    for (let i = 2; i < merged.length; i += 2) expect(merged[i]).toBeGreaterThan(merged[i - 1]!);
  });

  it('gives the union of random, nested, repeated and touching pairs exactly', () => {
    // Reference: sort the pairs by start and join each into the last run it reaches.
    const union = (pairs: number[]) => {
      const sorted = [];
      for (let i = 0; i < pairs.length; i += 2) sorted.push([pairs[i]!, pairs[i + 1]!]);
      sorted.sort((a, b) => a[0]! - b[0]!);
      const out: number[] = [];
      for (const [s, e] of sorted) {
        if (out.length > 0 && s! <= out[out.length - 1]!) {
          out[out.length - 1] = Math.max(out[out.length - 1]!, e!);
        } else out.push(s!, e!);
      }
      return out;
    };
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const count of [2, 3, 7, 20, 33, 100, 1000]) {
      const pairs: number[] = [];
      for (let i = 0; i < count; i++) {
        // Whole numbers on a short line, so that pairs repeat, nest and touch.
        const start = Math.floor(random() * count);
        pairs.push(start + 0.25, start + 0.25 + Math.floor(random() * 4) + random() * 0.5);
      }
      pairs.push(5, 6, 6, 7, 7, 7);
      expect(mergeIntervals(pairs)).toEqual(union(pairs));
    }
  });

  it('intersects, subtracts and measures', () => {
    const a = [0, 10, 20, 30];
    const b = [5, 25];
    expect(intersectIntervals(a, b)).toEqual([5, 10, 20, 25]);
    expect(subtractIntervals(a, b)).toEqual([0, 5, 25, 30]);
    expect(subtractIntervals([0, 10], [2, 3, 5, 6])).toEqual([0, 2, 3, 5, 6, 10]);
    expect(subtractIntervals([0, 10], [])).toEqual([0, 10]);
    expect(intervalsLength(a)).toBe(20);
  });

  it('measures the common part without building it, to the last bit', () => {
    // By hand: [0, 10] ∪ [20, 30] meets [5, 25] in [5, 10] and [20, 25].
    expect(intersectionLength([0, 10, 20, 30], [5, 25])).toBe(10);
    expect(intersectionLength([5, 25], [0, 10, 20, 30])).toBe(10);
    expect(intersectionLength([0, 1], [1, 2])).toBe(0);
    expect(intersectionLength([], [0, 1])).toBe(0);
    // Fractions whose sums round: the same pieces added in the same order as measuring the
    // built intersection, so equal exactly, not just nearly.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const row = (count: number) => {
      const pairs: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = random() * 1000;
        pairs.push(start, start + random() * 40);
      }
      return mergeIntervals(pairs);
    };
    for (let trial = 0; trial < 200; trial++) {
      const a = row(1 + (trial % 30));
      const b = row(1 + ((trial * 7) % 50));
      expect(intersectionLength(a, b)).toBe(intervalsLength(intersectIntervals(a, b)));
    }
  });
});
