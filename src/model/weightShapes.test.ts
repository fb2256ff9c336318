import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { describeNamedModel } from './architecture';
import { buildModel } from './models';
import { expectedWeights } from './weightShapes';

describe('expectedWeights', () => {
  it("lists alexnet-mini's weights exactly as the tfjs model names and shapes them", async () => {
    await useCpuBackend();
    const model = buildModel('alexnet-mini', 1);
    expect(expectedWeights('alexnet-mini')).toEqual(
      model.weights.map((w) => ({ name: w.originalName, shape: w.shape })),
    );
    model.dispose();
  });

  it("adds up to each network's parameter count", () => {
    for (const name of ['alexnet', 'alexnet-mini'] as const) {
      const total = expectedWeights(name).reduce(
        (s, w) => s + w.shape.reduce((a, b) => a * b, 1),
        0,
      );
      expect(total).toBe(describeNamedModel(name).totalParams);
    }
    expect(expectedWeights('alexnet')[0]).toEqual({ name: 'conv1/kernel', shape: [11, 11, 1, 96] });
  });
});
