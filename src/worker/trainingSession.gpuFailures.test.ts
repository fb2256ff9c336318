import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { yieldToEventLoop } from '../engine';
import type { TrainConfig } from '../protocol';
import { FakeGpuDevice } from '../engine/testing/fakeGpuDevice';
import { createHarness, errorsOf } from './testing/sessionHarness';
import { NO_MODEL_MESSAGE } from './trainingSession';
import { PLAIN_RECIPE_OPTIONS } from '../protocol';

const TINY: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 1,
  batchSize: 16,
  learningRate: 0.001,
  trainImages: 96,
  testImages: 16,
  seed: 3,
  ...PLAIN_RECIPE_OPTIONS,
};

beforeAll(useCpuBackend);

describe('GPU failures', () => {
  async function gpuSession(device: FakeGpuDevice) {
    const h = createHarness({ selectBackend: device.selectBackend() });
    await h.send({ type: 'init' });
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    return h;
  }

  it('ends a run cleanly when the GPU runs out of memory, and the worker goes on', async () => {
    const device = new FakeGpuDevice();
    const h = await gpuSession(device);
    const tensorsBefore = tf.memory().numTensors;
    const run = h.send({ type: 'train', config: TINY });
    await h.until(() => h.ofType('batch').length > 0, 'the first batch report');
    device.raiseOutOfMemory();
    await run;
    expect(errorsOf(h)).toEqual([
      {
        type: 'error',
        scope: 'training',
        fatal: false,
        message: 'The GPU ran out of memory at batch 16 for alexnet-mini: try a smaller batch.',
      },
    ]);
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'failed' }]);
    // The failed model is gone, with its tensors and the GPU copy of the data (uploaded again by the
    // next run, in case the failure touched it).
    await h.send({ type: 'predict', id: 1, pixels: new Float32Array(784) });
    expect(errorsOf(h)[1]?.message).toBe(NO_MODEL_MESSAGE);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    await h.send({ type: 'train', config: { ...TINY, trainImages: 32 } });
    expect(h.ofType('done').at(-1)).toEqual({ type: 'done', reason: 'finished' });
  });

  it('reports a lost device as fatal and refuses to train on', async () => {
    const device = new FakeGpuDevice();
    const h = await gpuSession(device);
    device.lose();
    await h.until(() => errorsOf(h).length > 0, 'the device-lost error');
    expect(errorsOf(h)[0]).toMatchObject({ scope: 'backend', fatal: true });
    expect(errorsOf(h)[0]?.message).toMatch(
      /GPU device was lost \(lost: GPU process crashed\)\. The driver may have reset/,
    );
    await h.send({ type: 'train', config: TINY });
    expect(errorsOf(h)[1]?.message).toMatch(/GPU stopped working/);
  });

  it('reports a read cut off by a lost device once, as fatal, before device.lost resolves', async () => {
    const device = new FakeGpuDevice();
    const h = await gpuSession(device);
    const run = h.send({ type: 'train', config: TINY });
    await h.until(() => h.ofType('batch').length > 0, 'the first batch report');
    device.cutOffRead();
    await run;
    device.lose(); // in Chromium this came 13 s after the read failed
    await yieldToEventLoop(); // GpuHealth hears of the loss in a microtask before this returns
    expect(errorsOf(h)).toEqual([expect.objectContaining({ scope: 'training', fatal: true })]);
    expect(errorsOf(h)[0]?.message).toMatch(
      /^The GPU device was lost at batch 16 for alexnet-mini/,
    );
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'failed' }]);
  });
});
