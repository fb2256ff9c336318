// The evaluation's confusion matrix and per-image predictions computed on WebGPU (Dawn) against the
// same evaluation on the CPU. (The inspection of one picture: src/model/inspect.webgpu.test.ts.)

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MODEL_SPECS } from '../model/architecture';
import { buildModel } from '../model/models';
import { onCpuModel } from '../model/testing/onCpuModel';
import { syntheticImages } from '../tools/syntheticImages';
import { describeWebGpu, maxAbsDiff, useWebGpuBackend } from '../testing/webgpuNode';
import { evaluate, type EvaluationResult } from './evaluate';
import { GpuImageSet } from './gpuImages';
import { yieldToEventLoop } from './yieldToEventLoop';

const spec = MODEL_SPECS['alexnet-mini'];
const images = syntheticImages(20, 9);
const noStop = { shouldStop: () => false, yieldControl: yieldToEventLoop };
const SEED = 5;

async function evaluateHere(model: tf.LayersModel): Promise<EvaluationResult> {
  const set = GpuImageSet.upload(images);
  try {
    const result = await evaluate(model, spec, set, 19, 8, noStop, 'own');
    if (!result) throw new Error('evaluation stopped');
    return result;
  } finally {
    set.dispose();
  }
}

describeWebGpu('evaluation on WebGPU', () => {
  let model: tf.Sequential;
  beforeAll(async () => {
    await useWebGpuBackend('own');
    model = buildModel('alexnet-mini', SEED);
  });
  afterAll(() => model.dispose());

  it('counts the same confusion matrix and per-image predictions as the CPU', async () => {
    const before = tf.memory().numTensors;
    const gpu = await evaluateHere(model);
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await onCpuModel('alexnet-mini', SEED, evaluateHere);
    expect(gpu.confusion.reduce((a, b) => a + b, 0)).toBe(19);
    expect([...gpu.confusion]).toEqual([...cpu.confusion]);
    expect([...gpu.predictions.predicted]).toEqual([...cpu.predictions.predicted]);
    expect(maxAbsDiff(gpu.predictions.probability, cpu.predictions.probability)).toBeLessThan(1e-5);
  });
});
