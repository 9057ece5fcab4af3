import { describe, expect, it } from 'vitest';
import {
  intersectIntervals,
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

  it('intersects, subtracts and measures', () => {
    const a = [0, 10, 20, 30];
    const b = [5, 25];
    expect(intersectIntervals(a, b)).toEqual([5, 10, 20, 25]);
    expect(subtractIntervals(a, b)).toEqual([0, 5, 25, 30]);
    expect(subtractIntervals([0, 10], [2, 3, 5, 6])).toEqual([0, 2, 3, 5, 6, 10]);
    expect(subtractIntervals([0, 10], [])).toEqual([0, 10]);
    expect(intervalsLength(a)).toBe(20);
  });
});
