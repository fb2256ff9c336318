// The inspection of one picture (probabilities, saliency, feature maps, filters) computed on WebGPU
// (Dawn) against the same inspection on the CPU. The evaluation's counterpart is
// src/training/evaluate.webgpu.test.ts.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticImages } from '../tools/syntheticImages';
import { describeWebGpu, maxAbsDiff, onCpu, useWebGpuBackend } from '../testing/webgpuNode';
import { MODEL_SPECS } from './architecture';
import { inspectPicture, layerFilters } from './inspect';
import { buildModel, toModelInput } from './models';
import { onCpuModel } from './testing/onCpuModel';

const spec = MODEL_SPECS['alexnet-mini'];
const images = syntheticImages(20, 9);
const SEED = 5;

describeWebGpu('picture inspection on WebGPU', () => {
  let model: tf.Sequential;
  beforeAll(async () => {
    await useWebGpuBackend('own');
    model = buildModel('alexnet-mini', SEED);
  });
  afterAll(() => model.dispose());

  it('inspects a picture and reads the filters as the CPU does', async () => {
    const pixels = Float32Array.from(images.images.subarray(0, 784), (v) => v / 255);
    const before = tf.memory().numTensors;
    const gpu = await inspectPicture(model, spec, pixels, 'own');
    const filters = await layerFilters(model, 'conv1');
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await onCpuModel('alexnet-mini', SEED, (m) =>
      inspectPicture(m, spec, pixels, 'own'),
    );
    const cpuFilters = await onCpuModel('alexnet-mini', SEED, (m) => layerFilters(m, 'conv1'));
    expect(gpu.topClass).toBe(cpu.topClass);
    expect(maxAbsDiff(gpu.probabilities, cpu.probabilities)).toBeLessThan(1e-5);
    expect(maxAbsDiff(gpu.saliency, cpu.saliency)).toBeLessThan(1e-4);
    gpu.featureMaps.forEach((map, i) =>
      expect(maxAbsDiff(map.values, cpu.featureMaps[i]?.values ?? [])).toBeLessThan(1e-4),
    );
    expect(maxAbsDiff(filters.pixels, cpuFilters.pixels)).toBeLessThan(1e-6);
  });

  // A whole alexnet takes minutes on the software adapter; the one op its saliency adds to
  // alexnet-mini's is the gradient of the 28 -> 224 resize.
  it("takes the gradient through alexnet's resize as the CPU does", async () => {
    const gradientOfResize = async () => {
      const g = tf.tidy(() => {
        const x = tf.tensor4d(Float32Array.from(images.images.subarray(0, 784)), [1, 28, 28, 1]);
        const weights = tf
          .range(0, 224 * 224)
          .reshape([1, 224, 224, 1])
          .mod(7);
        return tf.grad((v: tf.Tensor) =>
          tf.sum(tf.mul(toModelInput(v as tf.Tensor4D, MODEL_SPECS.alexnet), weights)),
        )(x);
      });
      const values = await g.data();
      g.dispose();
      return values;
    };
    const gpu = await gradientOfResize();
    const cpu = await onCpu(gradientOfResize);
    expect(maxAbsDiff(gpu, cpu)).toBeLessThan(1e-3);
    expect(Math.max(...gpu)).toBeGreaterThan(0);
  });
});
