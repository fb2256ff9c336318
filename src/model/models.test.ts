import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_NAMES } from '../protocol';
import { describeNamedModel, MODEL_SPECS } from './architecture';
import { buildModel, forward, toModelInput } from './models';
import { useCpuBackend } from '../testing/cpuBackend';

beforeAll(useCpuBackend);

describe.each(MODEL_NAMES)('%s built with tfjs', (name) => {
  it('has the shape of every spec layer and the spec parameter count', () => {
    const model = buildModel(name, 1);
    try {
      const { rows, totalParams } = describeNamedModel(name);
      const spec = MODEL_SPECS[name];
      expect(model.inputs[0]?.shape).toEqual([null, spec.inputSize, spec.inputSize, 1]);
      for (const row of rows.filter((r) => r.kind !== 'resize')) {
        const layer = model.getLayer(row.name);
        expect(layer.outputShape, row.name).toEqual([null, ...row.outputShape]);
        expect(layer.countParams(), row.name).toBe(row.params);
      }
      expect(model.countParams()).toBe(totalParams);
    } finally {
      model.dispose();
    }
  });
});

describe('alexnet', () => {
  it('has the 46,764,746 parameters of the PyTorch reference', () => {
    const model = buildModel('alexnet', 1);
    expect(model.countParams()).toBe(46_764_746);
    model.dispose();
  });

  it('resizes 28x28 to 224x224 with half-pixel centres, as torchvision does', () => {
    // A horizontal ramp: pixel (y, x) = x. With half-pixel centres output column j samples
    // x = (j + 0.5) * 28 / 224 - 0.5, clamped to [0, 27]; without them it would sample j / 8.
    const ramp = tf.tidy(() => tf.tile(tf.range(0, 28).reshape([1, 1, 28, 1]), [1, 28, 1, 1]));
    const resized = toModelInput(ramp as tf.Tensor4D, MODEL_SPECS.alexnet);
    expect(resized.shape).toEqual([1, 224, 224, 1]);
    const row = resized.slice([0, 100, 0, 0], [1, 1, 224, 1]).dataSync();
    for (const j of [0, 3, 4, 5, 100, 219, 223]) {
      const expected = Math.min(27, Math.max(0, (j + 0.5) / 8 - 0.5));
      expect(row[j]).toBeCloseTo(expected, 5);
    }
    tf.dispose([ramp, resized]);
  });
});

describe('alexnet-mini', () => {
  it('feeds 28x28 images unchanged', () => {
    const images = tf.zeros<tf.Rank.R4>([2, 28, 28, 1]);
    expect(toModelInput(images, MODEL_SPECS['alexnet-mini'])).toBe(images);
    images.dispose();
  });

  it('initialises the same weights from the same seed, different ones from another', () => {
    const weights = (seed: number) => {
      const model = buildModel('alexnet-mini', seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    const a = weights(7);
    expect(weights(7)).toEqual(a);
    expect(weights(8)).not.toEqual(a);
  });

  it('draws dropout masks from the step seed in training and applies none in evaluation', () => {
    const model = buildModel('alexnet-mini', 3);
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 1);
    const spec = MODEL_SPECS['alexnet-mini'];
    const run = (mode: Parameters<typeof forward>[3]) =>
      tf.tidy(() => Array.from(forward(model, spec, x, mode).dataSync()));
    const kernels = 'own';
    const evaluation = run({ training: false, kernels });
    expect(run({ training: false, kernels })).toEqual(evaluation);
    const dropoutRate = 0.5;
    const stepA = run({ training: true, kernels, dropoutSeed: 11, dropoutRate });
    expect(run({ training: true, kernels, dropoutSeed: 11, dropoutRate })).toEqual(stepA);
    expect(run({ training: true, kernels, dropoutSeed: 12, dropoutRate })).not.toEqual(stepA);
    expect(stepA).not.toEqual(evaluation);
    // The eager forward pass and the tfjs model agree when dropout is off.
    const predicted = tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    expect(predicted.map((v) => Number(v.toFixed(4)))).toEqual(
      evaluation.map((v) => Number(v.toFixed(4))),
    );
    x.dispose();
    model.dispose();
  });

  it.each(['own', 'stock'] as const)(
    'at dropout rate 0 trains as it evaluates, running no dropout op (%s kernels)',
    async (kernels) => {
      const model = buildModel('alexnet-mini', 3);
      const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 1);
      const spec = MODEL_SPECS['alexnet-mini'];
      // The kernels each forward pass runs, in order, and its logits.
      const run = async (mode: Parameters<typeof forward>[3]) => {
        let logits: number[] = [];
        const profile = await tf.profile(() => {
          logits = tf.tidy(() => Array.from(forward(model, spec, x, mode).dataSync()));
        });
        return { kernels: profile.kernels.map((k) => k.name), logits };
      };
      const evaluation = await run({ training: false, kernels });
      const rate0 = await run({ training: true, kernels, dropoutSeed: 11, dropoutRate: 0 });
      expect(rate0).toEqual(evaluation);
      // Dropout on: the own kernel, or (stock) a mask uploaded and multiplied, in each dense layer.
      const rateHalf = await run({ training: true, kernels, dropoutSeed: 11, dropoutRate: 0.5 });
      expect(rateHalf.kernels.length).toBeGreaterThan(evaluation.kernels.length);
      x.dispose();
      model.dispose();
    },
  );
});
