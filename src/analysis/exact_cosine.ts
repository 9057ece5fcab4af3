/**
 * The cosine of fdlibm (the one V8 long used for Math.cos, and Node's), in plain arithmetic
 * only, so that every engine gives the same bits. Engines may compute Math.cos their own way
 * (Chromium's differs from Node's in the last bit for about one angle in fifteen): the rows
 * the page prepares would then differ from those prepared ahead of time (by Node, in
 * public/geo/prepared-rows.bin), and a page's drawn land would depend on which it used.
 * Exact for angles under 3π/4 (every latitude); beyond, the engine's.
 */
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
/** π/2 as a 33-bit head and the rest, and a further split for angles near π/2. */
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_2T = 2.02226624879595063154e-21;

const bits = new DataView(new ArrayBuffer(8));
/** The double whose high word is `high` and low word 0. */
function fromHighWord(high: number): number {
  bits.setUint32(0, high >>> 0);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}
/** The high word of a double's bits, without the sign. */
function highWord(x: number): number {
  bits.setFloat64(0, x);
  return bits.getUint32(0) & 0x7fffffff;
}

const BELOW_2_POW_M27 = fromHighWord(0x3e400000);
const BELOW_0_3 = fromHighWord(0x3fd33333);
const AT_MOST_PI_4 = fromHighWord(0x3fe921fc);
const ABOVE_0_78125 = fromHighWord(0x3fe90001);
const BELOW_3_PI_4 = fromHighWord(0x4002d97c);
const NEAR_PI_2_FROM = fromHighWord(0x3ff921fb);
const NEAR_PI_2_TO = fromHighWord(0x3ff921fc);

/** cos(x + y) for |x| ≲ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const ax = Math.abs(x);
  if (ax < BELOW_2_POW_M27 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ax < BELOW_0_3) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ax >= ABOVE_0_78125 ? 0.28125 : fromHighWord(highWord(x) - 0x00200000);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

/** sin(x + y) for |x| ≲ π/4, y the tail of x. */
function kernelSin(x: number, y: number): number {
  if (Math.abs(x) < BELOW_2_POW_M27 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

export function exactCosine(x: number): number {
  const ax = Math.abs(x);
  if (ax < AT_MOST_PI_4) return kernelCos(x, 0);
  if (!(ax < BELOW_3_PI_4)) return Math.cos(x);
  // x − ±π/2 as a head and a tail (fdlibm's __ieee754_rem_pio2 for n = ±1); cos(x) = ∓sin(that).
  const sign = x > 0 ? 1 : -1;
  const nearPi2 = ax >= NEAR_PI_2_FROM && ax < NEAR_PI_2_TO;
  let z = x - sign * PIO2_1;
  let tail = PIO2_1T;
  if (nearPi2) {
    z -= sign * PIO2_2;
    tail = PIO2_2T;
  }
  const y0 = z - sign * tail;
  const y1 = z - y0 - sign * tail;
  return -sign * kernelSin(y0, y1);
}
