// Philox2x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3", SC11),
// the counter-based generator behind cuRAND's and JAX's dropout: each output is a pure function of
// a counter and a key, so element i of a dropout mask is philox(i, seed) on the GPU with no state,
// no random numbers made on the CPU and nothing uploaded, and the CPU kernel computes the same bits.
// The same arithmetic is written twice, once in TypeScript and once in WGSL; the tests hold both to
// Random123's known-answer vectors and to each other.

const MULTIPLIER = 0xd256d193;
const KEY_STEP = 0x9e3779b9; // the golden ratio, Weyl sequence for the round keys
const ROUNDS = 10;

/** The high 32 bits of the 64-bit product of two u32, from 16-bit halves (no 64-bit integers). */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lh = aLo * bHi;
  const hl = aHi * bLo;
  const mid = ((aLo * bLo) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aHi * bHi + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** Philox2x32-10 of the counter (c0, c1) under `key`: two independent uniform u32 words. */
export function philox2x32(c0: number, c1: number, key: number): [number, number] {
  let x = c0 >>> 0;
  let y = c1 >>> 0;
  let k = key >>> 0;
  for (let round = 0; round < ROUNDS; round++) {
    const hi = mulHi(MULTIPLIER, x);
    const lo = Math.imul(MULTIPLIER, x) >>> 0;
    x = (hi ^ k ^ y) >>> 0;
    y = lo;
    k = (k + KEY_STEP) >>> 0;
  }
  return [x, y];
}

/** The same generator in WGSL (u32 arithmetic wraps, as `>>> 0` does above). */
export const PHILOX_WGSL = /* wgsl */ `
fn philoxMulHi(a : u32, b : u32) -> u32 {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let lh = aLo * bHi;
  let hl = aHi * bLo;
  let mid = ((aLo * bLo) >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return aHi * bHi + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
}

fn philox2x32(counter : vec2<u32>, key : u32) -> vec2<u32> {
  var x = counter.x;
  var y = counter.y;
  var k = key;
  for (var round = 0; round < ${ROUNDS}; round++) {
    let hi = philoxMulHi(${MULTIPLIER}u, x);
    let lo = ${MULTIPLIER}u * x;
    x = hi ^ k ^ y;
    y = lo;
    k = k + ${KEY_STEP}u;
  }
  return vec2<u32>(x, y);
}
`;

/**
 * The u32 threshold below which a random word drops its element: round(rate * 2^32), so an element
 * is kept with probability 1 - rate to within 2^-33. Compared as integers on both CPU and GPU, so
 * the two masks agree bit for bit.
 */
export function dropThreshold(rate: number): number {
  return Math.min(0xffffffff, Math.round(rate * 2 ** 32));
}

/** Element `index`'s word of the dropout mask drawn with `seed`. */
export function dropoutWord(index: number, seed: number): number {
  return philox2x32(index, 0, seed)[0];
}
