import { describe, expect, it } from 'vitest';
import { layerProducts } from '../../../tools/kernelChecks/layerProducts';
import {
  chooseTiling,
  coreWork,
  GPU_SPLIT_POLICY,
  planCore,
  SOFTWARE_SPLIT_POLICY,
  TILE_32x32,
  TILE_4x256,
  TILE_64x16,
  TILE_64x64,
} from './coreGeometry';

// Issue 14's targets, for every product of an alexnet training step at batch 128, as planned for a
// hardware adapter: >= 8 multiply-adds per workgroup-memory load (>= 16 for the forward convs and
// the conv2-5 gradients), >= 1,000 workgroups of >= 64 invocations, one barrier per K step.
describe('core launch geometry, alexnet at batch 128 (GPU split policy)', () => {
  const products = layerProducts('alexnet', 128).filter((p) => p.inTraining);

  it('covers 5 forward convs, 4 input gradients, 5 filter gradients and 3 x 3 dense products', () => {
    expect(products).toHaveLength(5 + 4 + 5 + 9);
  });

  it.each(products.map((p) => [`${p.layer} ${p.kind}`, p] as const))('%s', (_, p) => {
    const plan = planCore(p.problem, GPU_SPLIT_POLICY)!;
    const work = coreWork(p.problem, plan);
    const convHeavy =
      p.kind === 'forward' ||
      (p.layer !== 'conv1' && p.kind.endsWith('Gradient') && !p.kind.startsWith('dense'));
    expect(work.fmaPerSharedLoad).toBeGreaterThanOrEqual(convHeavy ? 16 : 8);
    expect(work.invocationsPerWorkgroup).toBeGreaterThanOrEqual(64);
    expect(work.barriersPerStep).toBe(1);
    expect(work.workgroups).toBeGreaterThanOrEqual(1000);
    // The partial sums fit one binding, and every reduction entry is in exactly one split.
    expect(plan.partialFloats * 4).toBeLessThanOrEqual(GPU_SPLIT_POLICY.maxBindingBytes);
    expect(plan.chunk * (plan.splits - 1)).toBeLessThan(p.problem.k);
    expect(plan.chunk * plan.splits).toBeGreaterThanOrEqual(p.problem.k);
  });
});

describe('planCore', () => {
  it('counts the work it launches: 8 x 8 per invocation is 16 multiply-adds per vec4 load', () => {
    const problem = { m: 256, n: 128, k: 64, vec4A: true, vec4B: false };
    const plan = planCore(problem, { ...GPU_SPLIT_POLICY, minWorkgroups: 0 })!;
    expect(plan).toMatchObject({
      tiling: TILE_64x64,
      dispatch: [2, 4, 1],
      splits: 1,
      dispatches: 1,
    });
    const work = coreWork(problem, plan);
    expect(work.fmas).toBe(256 * 128 * 64);
    expect(work.fmaPerSharedLoad).toBe(16);
    // Per K step a workgroup loads 64 x 8 / 4 vec4s of A and 64 x 8 scalars of B.
    expect(work.globalLoads).toBe(8 * 8 * (128 + 512));
  });

  it('takes narrow tiles for a narrow result, flat ones for a few rows', () => {
    expect(chooseTiling(4096, 10)).toBe(TILE_64x16);
    expect(chooseTiling(2, 4096)).toBe(TILE_4x256);
  });

  it('splits a small result on a GPU, and much less on a software adapter', () => {
    const problem = { m: 121, n: 96, k: 128 * 54 * 54 };
    const gpu = planCore(problem, GPU_SPLIT_POLICY)!;
    const cpu = planCore(problem, SOFTWARE_SPLIT_POLICY)!;
    expect(coreWork(problem, gpu).workgroups).toBeGreaterThanOrEqual(2000);
    expect(coreWork(problem, gpu).workgroups).toBeLessThanOrEqual(4000);
    // Its four tiles already give a software adapter's few threads work.
    expect(cpu.splits).toBe(1);
    expect(gpu.dispatches).toBe(2);
  });

  it('gives a starved product one-step splits, and smaller tiles where its reduction is short', () => {
    // alexnet's fc3 at batch 128: the forward pass (2 tiles of 64 x 16, 512 K steps) and the input
    // gradient (a 128 x 4096 result, k = 10).
    const forward = planCore({ m: 128, n: 10, k: 4096 }, GPU_SPLIT_POLICY)!;
    expect(forward).toMatchObject({ tiling: TILE_64x16, splits: 512, chunk: 8 });
    const inputGradient = planCore({ m: 128, n: 4096, k: 10 }, GPU_SPLIT_POLICY)!;
    expect(inputGradient).toMatchObject({ tiling: TILE_32x32, splits: 2, dispatch: [128, 4, 2] });
    // A software adapter keeps its long splits.
    const cpu = planCore({ m: 128, n: 4096, k: 10 }, SOFTWARE_SPLIT_POLICY)!;
    expect(cpu).toMatchObject({ tiling: TILE_64x64, splits: 1 });
  });

  it('never splits where the epilogue cannot take partial sums, or the tiles fill the GPU', () => {
    const small = { m: 100, n: 100, k: 100_000 };
    expect(planCore(small, GPU_SPLIT_POLICY, { allowSplit: false })!.splits).toBe(1);
    expect(planCore({ m: 128 * 64, n: 64 * 64, k: 10_000 }, GPU_SPLIT_POLICY)!.splits).toBe(1);
  });

  it('keeps the partial sums within the binding limit it is given', () => {
    const policy = { ...GPU_SPLIT_POLICY, maxBindingBytes: 4 * 121 * 96 * 10 };
    expect(planCore({ m: 121, n: 96, k: 1_000_000 }, policy)!.splits).toBe(10);
  });

  it('refuses a result with more tiles than a dispatch dimension allows', () => {
    const policy = { ...GPU_SPLIT_POLICY, maxWorkgroupsPerDimension: 10 };
    expect(planCore({ m: 64 * 11, n: 64, k: 8 }, policy)).toBeUndefined();
  });
});
