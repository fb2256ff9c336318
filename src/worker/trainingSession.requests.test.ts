// Requests and their answers: every command's id comes back on its answer or its error.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { SUPERSEDED_MESSAGE } from './datasetLoader';
import { createHarness, memorySource, tinyConfig } from './testing/sessionHarness';

const TINY = tinyConfig();

beforeAll(useCpuBackend);

describe('attach and ping', () => {
  it('takes the life lock it is asked for and says whether it holds it', async () => {
    const taken: string[] = [];
    const h = createHarness({
      holdLifeLock: (name) => {
        taken.push(name);
        return Promise.resolve(true);
      },
    });
    await h.send({ type: 'attach', id: 1, lifeLock: 'life-1' });
    await h.send({ type: 'attach', id: 2, lifeLock: null });
    expect(taken).toEqual(['life-1']);
    expect(h.ofType('attached')).toEqual([
      { type: 'attached', id: 1, lifeLockHeld: true },
      { type: 'attached', id: 2, lifeLockHeld: false },
    ]);
  });

  it('answers a ping with a pong of the same id', async () => {
    const h = createHarness();
    await h.send({ type: 'ping', id: 41 });
    expect(h.events).toEqual([{ type: 'pong', id: 41 }]);
  });
});

describe('train answers its id', () => {
  it('refuses a batch too big for the GPU with the same rule as the form, before any run', async () => {
    const h = createHarness({
      selectBackend: async () => {
        await tf.setBackend('cpu');
        return {
          info: {
            name: 'webgpu',
            fallbackReasons: [],
            isSoftware: true,
            kernels: { mode: 'own', own: [] },
            limits: {
              maxBufferSize: 2 ** 27,
              maxStorageBufferBindingSize: 2 ** 27,
              maxComputeWorkgroupStorageSize: 16384,
              maxComputeInvocationsPerWorkgroup: 256,
            },
          },
        };
      },
      source: memorySource(syntheticImages(200, 1), syntheticImages(16, 2)),
    });
    await h.send({ type: 'init' });
    await h.send({ type: 'loadData', baseUrl: '/' });
    await h.send({
      type: 'train',
      id: 9,
      config: { ...TINY, model: 'alexnet', batchSize: 128, trainImages: 200 },
    });
    expect(h.ofType('error')).toEqual([
      {
        type: 'error',
        id: 9,
        scope: 'training',
        fatal: false,
        message:
          'alexnet at batch 128 needs a 143 MB buffer (conv1), but this GPU allows 134 MB per ' +
          'buffer: use a batch of 119 or less, or alexnet-mini.',
      },
    ]);
    expect(h.ofType('trainStarted')).toEqual([]);
    expect(h.ofType('done')).toEqual([]);
  });

  it('answers a refused train with its id and an accepted one with trainStarted of its id', async () => {
    const h = createHarness();
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'train', id: 5, config: TINY });
    await h.send({ type: 'loadData', baseUrl: '/' });
    await h.send({ type: 'train', id: 6, config: TINY });
    expect(h.ofType('error').map((e) => e.id)).toEqual([5]);
    expect(h.ofType('trainStarted').map((e) => e.id)).toEqual([6]);
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
  });
});

describe('loadData', () => {
  it('cancels a load still going when a new one comes, answering the old id with an error', async () => {
    const working = memorySource(syntheticImages(32, 1), syntheticImages(16, 2));
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const h = createHarness({
      source: {
        fetchManifest: (url, signal) => working.fetchManifest(url, signal),
        loadDataset: async (url, manifest, options) => {
          if (++calls === 1) {
            // The first download stalls until cancelled.
            await new Promise<void>((resolve) => {
              options.signal.addEventListener('abort', () => resolve());
              void stalled.then(resolve);
            });
            options.signal.throwIfAborted();
          }
          return working.loadDataset(url, manifest, options);
        },
      },
    });
    const first = h.send({ type: 'loadData', id: 1, baseUrl: '/' });
    await h.until(() => h.ofType('dataset').length === 1, 'the first manifest');
    await h.send({ type: 'loadData', id: 2, baseUrl: '/' });
    release();
    await first;
    expect(h.ofType('error')).toEqual([
      { type: 'error', id: 1, scope: 'data', fatal: false, message: SUPERSEDED_MESSAGE },
    ]);
    expect(h.ofType('dataLoaded')).toEqual([
      { type: 'dataLoaded', id: 2, trainCount: 32, testCount: 16 },
    ]);
  });
});
