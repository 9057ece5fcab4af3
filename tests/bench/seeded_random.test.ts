import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/bench/seeded_random';

describe('the generator behind the benches’ generated inputs', () => {
  it('follows the recurrence state = (1103515245 · state + 12345) mod 2^31 exactly', () => {
    const next = seededRandom(12345);
    let state = 12345n;
    for (let i = 0; i < 1000; i++) {
      state = (state * 1103515245n + 12345n) % 2n ** 31n;
      expect(next()).toBe(Number(state) / 2 ** 31);
    }
  });

  it('gives 300,000 distinct points, as the car-park benches claim', () => {
    const next = seededRandom(12345);
    const points = new Set<string>();
    for (let i = 0; i < 300_000; i++) points.add(`${next()},${next()}`);
    expect(points.size).toBe(300_000);
  });
});
