import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, epochShuffle, shuffledIndices } from './random';

describe('shuffledIndices', () => {
  it('is a permutation of 0..n-1', () => {
    const order = shuffledIndices(1000, createRandom(5));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('repeats for a seed and differs between seeds (epochs)', () => {
    const epoch = (e: number) => Array.from(shuffledIndices(200, createRandom(deriveSeed(42, e))));
    expect(epoch(1)).toEqual(epoch(1));
    expect(epoch(2)).not.toEqual(epoch(1));
  });
});

describe('createRandom', () => {
  it('draws uniformly from [0, 1)', () => {
    const random = createRandom(9);
    const draws = Array.from({ length: 20000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });
});

describe('epochShuffle', () => {
  it("cuts the epoch's shuffle to whole batches, and its generator goes on past the shuffle", () => {
    const { random, indices } = epochShuffle(42, 3, 200, 128);
    const whole = shuffledIndices(200, createRandom(deriveSeed(42, 3)));
    expect(Array.from(indices)).toEqual(Array.from(whole.subarray(0, 128)));
    const after = createRandom(deriveSeed(42, 3));
    shuffledIndices(200, after);
    expect(random()).toBe(after());
  });
});
