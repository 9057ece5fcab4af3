/**
 * The classic linear congruential generator (multiplier 1103515245, increment 12345, modulus
 * 2^31), so that generated inputs are the same on every run. It is computed in 32-bit
 * integers: in doubles the product exceeds 2^53, drops its low bits, and the sequence falls
 * into a short cycle — 300,000 generated points would be copies of about 8,000.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}
