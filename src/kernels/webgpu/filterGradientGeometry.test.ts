import { describe, expect, it } from 'vitest';
import { filterGradientLayers } from '../../testing/kernelChecks/layerGeometry';
import {
  FILTER_GRADIENT_TILINGS,
  filterGradientPlan,
  PARTIAL_SUMS_CAP_BYTES,
  stockFilterGradientGeometry,
} from './filterGradientGeometry';
import { planSplitK, SOFTWARE_SPLIT_K_LIMITS, SPLIT_K_LIMITS } from './splitKGeometry';

describe('filter-gradient launch geometry', () => {
  const layers = filterGradientLayers(128);

  it('covers all ten conv layers of both models', () => {
    expect(layers.map((l) => `${l.model} ${l.layer}`)).toHaveLength(10);
  });

  it.each(layers.map((l) => [`${l.model} ${l.layer}`, l] as const))(
    '%s at batch 128: >= 100k invocations, <= 8,192 multiply-adds each, partial sums within the cap',
    (_, { shape }) => {
      const plan = filterGradientPlan(shape);
      expect(plan).toBeDefined();
      expect(plan!.invocations).toBeGreaterThanOrEqual(100_000);
      expect(plan!.serialMacs).toBeLessThanOrEqual(8192);
      expect(plan!.partialFloats * 4).toBeLessThanOrEqual(PARTIAL_SUMS_CAP_BYTES);
      // Every reduction row belongs to exactly one chunk.
      const rows = shape.batchSize * shape.outHeight * shape.outWidth;
      expect(plan!.chunk * (plan!.splits - 1)).toBeLessThan(rows);
      expect(plan!.chunk * plan!.splits).toBeGreaterThanOrEqual(rows);
    },
  );

  it("reports the stock kernel's geometry: conv1 at batch 128 is 11,616 x 373,248", () => {
    const conv1 = layers.find((l) => l.model === 'alexnet' && l.layer === 'conv1')!;
    expect(stockFilterGradientGeometry(conv1.shape)).toEqual({
      invocations: 11_616,
      serialMacs: 373_248,
      dispatches: 1,
    });
  });

  it('takes a smaller tiling when the partial sums of a larger one would exceed the cap', () => {
    const conv2 = layers.find((l) => l.model === 'alexnet' && l.layer === 'conv2')!;
    const plan = filterGradientPlan(conv2.shape)!;
    expect(plan.tiling).toBe(FILTER_GRADIENT_TILINGS.at(-1));
    const widest = planSplitK(
      { m: 2400, n: 256, reduceSize: 128 * 26 * 26 },
      FILTER_GRADIENT_TILINGS[0]!,
    )!;
    expect(widest.partialFloats * 4).toBeGreaterThan(PARTIAL_SUMS_CAP_BYTES);
  });

  it('skips a tiling that would leave most of its tiles outside a small result', () => {
    const miniConv1 = layers.find((l) => l.model === 'alexnet-mini' && l.layer === 'conv1')!;
    expect(filterGradientPlan(miniConv1.shape)!.tiling).toBe(FILTER_GRADIENT_TILINGS[1]);
  });
});

describe('planSplitK', () => {
  const tiling = { workgroup: [8, 8], perInvocation: [2, 2], tileK: 16 } as const;

  it('splits a short reduction no finer than one tile step per split', () => {
    const plan = planSplitK({ m: 16, n: 16, reduceSize: 40 }, tiling)!;
    expect(plan).toMatchObject({ chunk: 16, splits: 3, dispatch: [1, 1, 3], dispatches: 2 });
  });

  it('keeps a reduction that fits one chunk in one split, even when it ends mid tile step', () => {
    const plan = planSplitK({ m: 16, n: 16, reduceSize: 72 }, tiling, SOFTWARE_SPLIT_K_LIMITS)!;
    expect(plan).toMatchObject({ chunk: 80, splits: 1 });
  });

  it('writes the result directly, in one dispatch, when one split is enough', () => {
    const plan = planSplitK({ m: 1024, n: 1024, reduceSize: 32 }, tiling)!;
    expect(plan).toMatchObject({ splits: 1, dispatches: 1, partialFloats: 0 });
  });

  it('refuses a reduction that needs more splits than a dispatch dimension allows', () => {
    const rows = SPLIT_K_LIMITS.maxWorkgroupsPerDimension * 2048 + 1;
    expect(planSplitK({ m: 16, n: 16, reduceSize: rows }, tiling)).toBeUndefined();
  });
});
