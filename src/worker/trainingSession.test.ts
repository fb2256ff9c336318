import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../data/manifest';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { transferablesOf } from '../protocol';
import { routeMessage } from './routeMessage';
import {
  createHarness,
  type Harness,
  memorySource,
  readySession,
  tinyConfig,
} from './testing/sessionHarness';
import { NO_MODEL_MESSAGE } from './trainingSession';

const TINY = tinyConfig({ epochs: 2 });

beforeAll(useCpuBackend);

const errors = (h: Harness) => h.ofType('error');

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
    expect(errors(h)[0]).toMatchObject({ scope: 'backend', fatal: false });
    expect(errors(h)[0]?.message).toMatch(/Could not start the webgpu backend/);
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
    expect(errors(h)).toEqual([
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

describe('train', () => {
  it('refuses to train before a backend or before the data, with a clear message', async () => {
    const h = createHarness();
    await h.send({ type: 'train', config: TINY });
    expect(errors(h)[0]?.message).toMatch(/no backend yet: send init first/);
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'train', config: TINY });
    expect(errors(h)[1]).toMatchObject({ scope: 'training', fatal: false });
    expect(errors(h)[1]?.message).toMatch(/dataset is not loaded yet/);
    expect(h.ofType('trainStarted')).toHaveLength(0);
  });

  it('rejects a bad config without starting a run', async () => {
    const h = await readySession();
    await h.send({ type: 'train', config: { ...TINY, batchSize: 500 } });
    expect(errors(h)[0]?.message).toMatch(/Batch size 500 is larger than the 32 training images/);
    expect(h.ofType('trainStarted')).toHaveLength(0);
    expect(h.ofType('done')).toHaveLength(0);
  });

  it('runs start to finish: trainStarted, batches, an epoch each, done; no tensor leaks', async () => {
    const h = await readySession();
    await h.send({ type: 'train', config: TINY });
    expect(h.ofType('trainStarted')).toMatchObject([
      { type: 'trainStarted', id: h.lastId(), config: TINY, stepsPerEpoch: 2, imagesPerEpoch: 32 },
    ]);
    expect(h.ofType('batch').at(-1)).toMatchObject({ epoch: 2, imagesDone: 32, imagesTotal: 32 });
    expect(h.ofType('epoch').map((e) => e.metrics.epoch)).toEqual([1, 2]);
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    const tensorsAtEpochs = h.events.flatMap((e, i) =>
      e.type === 'epoch' ? [h.tensorsAt[i]] : [],
    );
    expect(tensorsAtEpochs).toHaveLength(2);
    expect(tensorsAtEpochs[1]).toBe(tensorsAtEpochs[0]);
    expect(errors(h)).toEqual([]);
  });

  it('answers a second train with an error while the first run carries on', async () => {
    const h = await readySession();
    const run = h.send({ type: 'train', config: TINY });
    await h.send({ type: 'train', config: { ...TINY, seed: 4 } });
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    // All 'training' scope: the page keeps the run going (a 'backend' error would mean a dead worker).
    expect(errors(h).map((e) => [e.scope, e.fatal, e.message])).toEqual([
      ['training', false, 'A training run is already going: stop it first.'],
      ['training', false, 'Stop training before changing backend.'],
      ['training', false, 'Stop training before reloading the data.'],
    ]);
    await run;
    expect(h.ofType('trainStarted')).toHaveLength(1);
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
  });
});

describe('pause, resume, stop', () => {
  it('holds the loop while paused, goes on when resumed, and ends on stop', async () => {
    const h = await readySession();
    const config = { ...TINY, trainImages: 96, epochs: 3 }; // 6 steps per epoch
    const run = h.send({ type: 'train', config });
    await h.until(() => h.ofType('batch').length > 0, 'the first batch report');
    await h.send({ type: 'pause' });
    expect(h.events.at(-1)).toEqual({ type: 'paused', id: h.lastId() });
    // A read in flight may still report; after that nothing moves however long the loop turns.
    const batchesAtPause = h.ofType('batch').length;
    for (let turn = 0; turn < 2000; turn++) await new Promise((r) => setImmediate(r));
    expect(h.ofType('batch').length).toBeLessThanOrEqual(batchesAtPause + 1);
    const heldAt = h.ofType('batch').length;
    for (let turn = 0; turn < 2000; turn++) await new Promise((r) => setImmediate(r));
    expect(h.ofType('batch').length).toBe(heldAt);

    // The weights answer predictions while paused.
    await h.send({ type: 'predict', id: 1, pixels: new Float32Array(784) });
    expect(h.ofType('prediction')[0]?.id).toBe(1);

    await h.send({ type: 'resume' });
    expect(h.events.at(-1)).toEqual({ type: 'resumed', id: h.lastId() });
    await h.until(() => h.ofType('batch').length > heldAt, 'a batch after resuming');

    await h.send({ type: 'pause' });
    await h.send({ type: 'stop' }); // a stop also ends a pause
    expect(h.events.at(-1)).toEqual({ type: 'stopping', id: h.lastId() });
    await run;
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'stopped' }]);
    expect(h.ofType('epoch').length).toBeLessThan(3);

    // The stopped model still predicts.
    await h.send({ type: 'predict', id: 2, pixels: new Float32Array(784).fill(0.5) });
    expect(h.ofType('prediction')[1]?.id).toBe(2);
    expect(errors(h)).toEqual([]);
  });

  it('says there is nothing to pause, resume or stop when no run is going', async () => {
    const h = await readySession();
    await h.send({ type: 'pause' });
    await h.send({ type: 'resume' });
    await h.send({ type: 'stop' });
    expect(errors(h).map((e) => [e.id, e.scope, e.message])).toEqual([
      [3, 'training', 'No training run to pause.'],
      [4, 'training', 'No training run to resume.'],
      [5, 'training', 'No training run to stop.'],
    ]);
  });
});

describe('predict and classifySamples', () => {
  it('answers predict with an error naming the request before any model exists', async () => {
    const h = await readySession();
    await h.send({ type: 'predict', id: 9, pixels: new Float32Array(784) });
    await h.send({ type: 'classifySamples', id: 10, count: 4 });
    expect(errors(h)).toEqual([
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
    expect(errors(h)[0]).toMatchObject({ id: 3, scope: 'predict' });
    expect(errors(h)[0]?.message).toMatch(/784 values/);
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
    expect(errors(h).map((e) => [e.scope, e.message])).toEqual([
      ['protocol', 'Unknown message: "explode".'],
      ['protocol', 'Unknown message: a message without a type (number).'],
      ['protocol', 'The "init" command has no numeric id, so it cannot be answered.'],
    ]);
    expect(h.ofType('ready')).toEqual([expect.objectContaining({ id: 7 })]);
  });
});
