import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_RECIPE_OPTIONS } from '../protocol';
import { GpuFailureError } from '../runtime/gpuHealth';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { yieldToEventLoop } from '../training/yieldToEventLoop';
import { Engine } from './engine';
import { FakeGpuDevice } from './testing/fakeGpuDevice';

beforeAll(useCpuBackend);

const data = { train: syntheticImages(8, 1), test: syntheticImages(4, 2) };

async function gpuEngine(device: FakeGpuDevice, lost: GpuFailureError[] = []) {
  return Engine.start(
    { kernels: 'own' },
    { selectBackend: device.selectBackend(), onDeviceLost: (error) => lost.push(error) },
  );
}

describe('Engine', () => {
  it("runs its ops in the mode asked, and in 'stock' on WebGL, which has no own kernels", async () => {
    const start = (name: 'cpu' | 'webgl', mode: 'own' | 'stock') =>
      Engine.start(
        { kernels: mode },
        {
          selectBackend: () =>
            Promise.resolve({
              info: { name, fallbackReasons: [], isSoftware: true, kernels: { mode, own: [] } },
            }),
        },
      );
    expect((await start('cpu', 'own')).kernels).toBe('own');
    expect((await start('cpu', 'stock')).kernels).toBe('stock');
    expect((await start('webgl', 'own')).kernels).toBe('stock');
  });

  it('keeps one GPU copy of the data for its trainers and frees it, and the device, on dispose', async () => {
    const device = new FakeGpuDevice();
    const lost: GpuFailureError[] = [];
    const engine = await gpuEngine(device, lost);
    const before = tf.memory().numTensors;
    const sets = engine.gpuData(data);
    expect(engine.gpuData(data)).toBe(sets); // not uploaded twice
    engine.dispose();
    engine.dispose(); // once is enough; twice is harmless
    expect(tf.memory().numTensors).toBe(before);
    expect(device.destroyed).toBe(1);
    await yieldToEventLoop();
    expect(lost).toEqual([]); // its own destroy is not a lost device
    expect(() => engine.gpuData(data)).toThrow(/disposed/);
  });

  it('reports a lost device once, and every later check throws it', async () => {
    const device = new FakeGpuDevice();
    const lost: GpuFailureError[] = [];
    const engine = await gpuEngine(device, lost);
    device.lose();
    await yieldToEventLoop();
    expect(lost.map((e) => e.failure.kind)).toEqual(['device-lost']);
    expect(() => engine.throwIfGpuFailed()).toThrow(GpuFailureError);
    expect(() => engine.throwIfGpuFailed()).toThrow(/lost: GPU process crashed/);
    engine.dispose();
  });

  it('throws a GPU-side error at the next check only, and forgets one cleared before a run', async () => {
    const device = new FakeGpuDevice();
    const engine = await gpuEngine(device);
    device.raiseOutOfMemory();
    expect(() => engine.throwIfGpuFailed()).toThrow(/Failed to allocate 143 MB/);
    expect(() => engine.throwIfGpuFailed()).not.toThrow();
    device.raiseOutOfMemory();
    engine.clearGpuFailure();
    expect(() => engine.throwIfGpuFailed()).not.toThrow();
    engine.dispose();
    expect(device.destroyed).toBe(1);
  });

  it('makes trainers in its mode over its GPU data', async () => {
    const engine = await Engine.start({ backend: 'cpu', kernels: 'stock' });
    const config = {
      model: 'alexnet-mini' as const,
      epochs: 1,
      batchSize: 4,
      learningRate: 0.001,
      trainImages: 8,
      testImages: 4,
      seed: 1,
      ...PLAIN_RECIPE_OPTIONS,
    };
    const trainer = engine.createTrainer(config, data);
    expect(trainer.kernels).toBe('stock');
    expect(trainer.plan.stepsPerEpoch).toBe(2);
    trainer.dispose();
    engine.dispose();
    await useCpuBackend(); // back to the own kernels the other tests expect
  });
});
