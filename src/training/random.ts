// Seeded randomness for shuffling, dropout seeds and augmentation, so a run with the same config and
// seed sees the same batches in the same order.

/** Mixes `parts` into one 32-bit seed (a splitmix-style hash), e.g. (runSeed, epoch). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/** mulberry32: a small, fast generator with a 2^32 period, plenty for shuffles and flips. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 .. n-1 in a random order (Fisher-Yates). */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

/**
 * Epoch `epoch`'s seeded generator and its shuffle of the first `trainCount` training images, cut to
 * the `imagesPerEpoch` that whole batches take. The generator goes on to draw that epoch's
 * augmentation, so the two must come from here together.
 */
export function epochShuffle(
  runSeed: number,
  epoch: number,
  trainCount: number,
  imagesPerEpoch: number,
): { random: () => number; indices: Int32Array } {
  const random = createRandom(deriveSeed(runSeed, epoch));
  return { random, indices: shuffledIndices(trainCount, random).subarray(0, imagesPerEpoch) };
}
