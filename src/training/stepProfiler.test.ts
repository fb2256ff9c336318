import { describe, expect, it } from 'vitest';
import { layerWeights, PROFILE_SHARE, profileEvery } from './stepProfiler';

describe('profileEvery', () => {
  it('spaces samples so that their extra cost stays within the share of the run', () => {
    for (const [cost, plain] of [
      [500, 100],
      [40, 8],
      [3000, 25],
    ] as const) {
      const every = profileEvery(cost, plain);
      expect(cost / (every * plain)).toBeLessThanOrEqual(PROFILE_SHARE);
      // And no sparser than needed (unless held at the minimum of 10).
      expect(every === 10 || cost / ((every - 1) * plain) > PROFILE_SHARE).toBe(true);
    }
  });

  it('keeps at least 10 steps apart, and samples rarely when the plain step is unknown', () => {
    expect(profileEvery(0, 100)).toBe(10);
    expect(profileEvery(10, 0)).toBe(100_000);
  });
});

describe('layerWeights', () => {
  it("lists each conv and dense layer's kernel shape in model order", () => {
    const weights = layerWeights('alexnet-mini');
    expect(weights.map((w) => w.layer)).toEqual([
      'conv1',
      'conv2',
      'conv3',
      'conv4',
      'conv5',
      'fc1',
      'fc2',
      'fc3',
    ]);
    expect(weights.at(-1)!.shape).toEqual([256, 10]);
  });
});
