// A session's setup (backend, data), its predictions, and what it does with a message that is not a
// command. Training runs are in trainingSession.run.test.ts.

import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../engine';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { transferablesOf } from '../protocol';
import { routeMessage } from './routeMessage';
import {
  createHarness,
  errorsOf,
  memorySource,
  readySession,
  tinyConfig,
} from './testing/sessionHarness';
import { NO_MODEL_MESSAGE } from './trainingSession';

const TINY = tinyConfig({ epochs: 2 });

beforeAll(useCpuBackend);

describe('init', () => {
  it('answers ready with the CPU backend described as software', async () => {
    const h = createHarness();
    await h.send({ type: 'init', backend: 'cpu' });
    expect(h.ofType('ready')[0]?.backend).toEqual({
      name: 'cpu',
      fallbackReasons: [],
      isSoftware: true,
      kernels: { mode: 'own', own: expect.arrayContaining(['Conv2DBackpropFilter']) as string[] },
    });
  });

  it('installs the stock kernels when asked, keeping only the CPU correctness fix', async () => {
    const h = createHarness();
    await h.send({ type: 'init', backend: 'cpu', kernels: 'stock' });
    expect(h.ofType('ready')[0]?.backend.kernels).toEqual({ mode: 'stock', own: ['Transform'] });
    await h.send({ type: 'init', backend: 'cpu' });
    expect(h.ofType('ready')[1]?.backend.kernels.own).toContain('Conv2DBackpropFilter');
  });

  it('falls back from WebGPU and WebGL to the CPU, saying why', async () => {
    // Node has neither navigator.gpu nor a WebGL backend: the real selection must say so.
    const h = createHarness();
    await h.send({ type: 'init' });
    const backend = h.ofType('ready')[0]?.backend;
    expect(backend?.name).toBe('cpu');
    expect(backend?.fallbackReasons).toHaveLength(2);
    expect(backend?.fallbackReasons[0]).toMatch(/^WebGPU: .*navigator\.gpu/);
    expect(backend?.fallbackReasons[1]).toMatch(/^WebGL: /);
  });

  it('reports a forced backend that cannot start as a backend error', async () => {
    const h = createHarness();
    await h.send({ type: 'init', backend: 'webgpu' });
    expect(h.ofType('ready')).toHaveLength(0);
    expect(errorsOf(h)[0]).toMatchObject({ scope: 'backend', fatal: false });
    expect(errorsOf(h)[0]?.message).toMatch(/Could not start the webgpu backend/);
    await h.send({ type: 'init', backend: 'cpu' }); // and the page can try another
    expect(h.ofType('ready')).toHaveLength(1);
  });
});

describe('loadData', () => {
  it('posts the summary, progress and the loaded counts', async () => {
    const h = createHarness();
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    expect(h.ofType('dataset')[0]?.summary).toMatchObject({
      trainCount: 96,
      testCount: 24,
      totalBytes: 120 * 785,
    });
    const progress = h.ofType('dataProgress');
    expect(progress.at(-1)).toEqual({
      type: 'dataProgress',
      id: 1,
      loadedBytes: 94200,
      totalBytes: 94200,
    });
    expect(h.ofType('dataLoaded')).toEqual([
      { type: 'dataLoaded', id: 1, trainCount: 96, testCount: 24 },
    ]);
  });

  it('reports a failed download as a non-fatal data error, and loads on a retry', async () => {
    let attempts = 0;
    const working = memorySource(syntheticImages(32, 1), syntheticImages(16, 2));
    const h = createHarness({
      source: {
        fetchManifest: (url, signal) =>
          ++attempts === 1
            ? Promise.reject(new DataError('Could not fetch manifest.json: HTTP 404.'))
            : working.fetchManifest(url, signal),
        loadDataset: (...args) => working.loadDataset(...args),
      },
    });
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    expect(errorsOf(h)).toEqual([
      {
        type: 'error',
        id: 1,
        scope: 'data',
        fatal: false,
        message: 'Could not fetch manifest.json: HTTP 404.',
      },
    ]);
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    expect(h.ofType('dataLoaded')).toHaveLength(1);
  });
});

describe('predict and classifySamples', () => {
  it('answers predict with an error naming the request before any model exists', async () => {
    const h = await readySession();
    await h.send({ type: 'predict', id: 9, pixels: new Float32Array(784) });
    await h.send({ type: 'classifySamples', id: 10, count: 4 });
    expect(errorsOf(h)).toEqual([
      { type: 'error', id: 9, scope: 'predict', fatal: false, message: NO_MODEL_MESSAGE },
      { type: 'error', id: 10, scope: 'predict', fatal: false, message: NO_MODEL_MESSAGE },
    ]);
  });

  it('classifies a drawing and random test images with the trained weights', async () => {
    const h = await readySession();
    await h.send({ type: 'train', config: { ...TINY, epochs: 1 } });
    await h.send({ type: 'predict', id: 5, pixels: new Float32Array(784).fill(0.2) });
    const prediction = h.ofType('prediction')[0];
    expect(prediction?.id).toBe(5);
    expect(prediction?.probabilities).toHaveLength(10);
    expect([...(prediction?.probabilities ?? [])].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    await h.send({ type: 'classifySamples', id: 6, count: 3 });
    const samples = h.ofType('samples')[0];
    expect(samples?.id).toBe(6);
    expect(samples?.samples).toHaveLength(3);
    for (const s of samples?.samples ?? []) {
      expect(s.pixels).toHaveLength(784);
      expect(s.label).toBeGreaterThanOrEqual(0);
      expect(s.probabilities).toHaveLength(10);
    }
    // Each sample owns its buffers, so all six can be transferred.
    expect(samples && transferablesOf(samples)).toHaveLength(6);
  });

  it('rejects an image of the wrong size', async () => {
    const h = await readySession();
    await h.send({ type: 'predict', id: 3, pixels: new Float32Array(100) });
    expect(errorsOf(h)[0]).toMatchObject({ id: 3, scope: 'predict' });
    expect(errorsOf(h)[0]?.message).toMatch(/784 values/);
  });
});

describe('routeMessage', () => {
  it('answers anything that is not a command with a protocol error', async () => {
    const h = createHarness();
    const post = (e: (typeof h.events)[number]) => h.events.push(e);
    await routeMessage({ type: 'explode' }, (cmd) => h.send(cmd), post);
    await routeMessage(42, (cmd) => h.send(cmd), post);
    await routeMessage({ type: 'init', backend: 'cpu' }, (cmd) => h.send(cmd), post);
    await routeMessage({ type: 'init', id: 7, backend: 'cpu' }, (cmd) => h.send(cmd), post);
    expect(errorsOf(h).map((e) => [e.scope, e.message])).toEqual([
      ['protocol', 'Unknown message: "explode".'],
      ['protocol', 'Unknown message: a message without a type (number).'],
      ['protocol', 'The "init" command has no numeric id, so it cannot be answered.'],
    ]);
    expect(h.ofType('ready')).toEqual([expect.objectContaining({ id: 7 })]);
  });
});
