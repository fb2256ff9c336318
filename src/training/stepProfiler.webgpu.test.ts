import { expect, it } from 'vitest';
import type { StepProfile } from '../protocol';
import { syntheticSteps } from '../tools/syntheticSteps';
import { describeWebGpu, useWebGpuBackend } from '../testing/webgpuNode';
import { StepProfiler } from './stepProfiler';

describeWebGpu('the sampled step profile of a real alexnet-mini step', () => {
  it('splits the GPU time into phases and layers, or says it has wall-clock only', async () => {
    const { device } = await useWebGpuBackend('own');
    const batchSize = 2;
    const steps = syntheticSteps('alexnet-mini', batchSize, 'own');
    const profiles: StepProfile[] = [];
    const profiler = new StepProfiler('alexnet-mini', batchSize, (p) => profiles.push(p));
    const step = (index: number) => () => steps.step(index);
    try {
      await profiler.run(0, step(0)); // compiles; not sampled
      await profiler.run(1, step(1));
      expect(profiles.map((p) => p.runStep)).toEqual([1]);
      const profile = profiles[0]!;
      expect(profile.wallMs).toBeGreaterThan(0);
      expect(profile.memory.peakBytes).toBeGreaterThanOrEqual(profile.memory.bytesInUse);
      const timestamps = device?.features.has('timestamp-query') ?? false;
      console.info(
        `alexnet-mini batch 2 step profile: timestamps ${timestamps}, ${profile.kernels} kernels, ` +
          `phases ${JSON.stringify(profile.phases)}, top ${profile.top.map((t) => `${t.kernel} ${t.layer}`).join('; ')}`,
      );
      expect(profile.timestamps).toBe(timestamps);
      if (!timestamps) {
        expect(profile.phases).toBeNull();
        return;
      }
      for (const phase of ['forward', 'inputGradients', 'weightGradients', 'optimizer'] as const) {
        expect(profile.phases![phase], phase).toBeGreaterThan(0);
      }
      expect(profile.layers.map((l) => l.layer)).toEqual(
        expect.arrayContaining(['conv1', 'conv5', 'fc1', 'fc3']),
      );
      // conv1's input is the images: it has no input gradient, but a weight gradient.
      const conv1 = profile.layers.find((l) => l.layer === 'conv1')!.phases;
      expect(conv1.weightGradients).toBeGreaterThan(0);
      expect(profile.top).toHaveLength(5);
      const shares = profile.top.reduce((s, t) => s + t.share, 0);
      expect(shares).toBeGreaterThan(0);
      expect(shares).toBeLessThanOrEqual(1 + 1e-9);
    } finally {
      await steps.dispose();
    }
    // Two steps, the first compiling ~40 pipelines, the second with a readback per kernel: ~25 s on
    // an idle 2-core machine with SwiftShader, far more when it is shared.
  }, 180_000);
});
