// Requests and their answers: ids, transfers, deadlines, progress and refusals. A dying worker is in
// TrainerClient.workerDeath.test.ts.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainerRequestError } from './TrainerClient';
import { REQUEST_DEADLINES_MS } from './requestDeadlines';
import { predictOf, setup } from './testing/fakeTrainerWorker';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainerClient requests', () => {
  it('numbers every command and transfers typed-array buffers', () => {
    const { worker, client } = setup();
    void client.call('init', {});
    const initId = worker.last('init').id;
    const pixels = new Float32Array(784);
    void client.call('predict', { pixels });
    expect(worker.posted[0]).toEqual({ message: { type: 'init', id: initId }, transfer: [] });
    expect(worker.posted[1]?.message).toMatchObject({ type: 'predict', id: initId + 1 });
    expect(worker.posted[1]?.transfer).toEqual([pixels.buffer]);
  });

  it('forwards what no request waits for to subscribers, and stops after unsubscribe', async () => {
    const { worker, client, events } = setup();
    const seen: string[] = [];
    const unsubscribe = client.subscribe((e) => seen.push(e.type));
    worker.answer({ type: 'epoch', metrics: {} as never });
    const paused = client.call('pause', {});
    worker.answer({ type: 'paused', id: worker.last('pause').id });
    await expect(paused).resolves.toEqual({ type: 'paused', id: worker.last('pause').id });
    unsubscribe();
    worker.answer({ type: 'done', reason: 'finished' });
    // The answer went to its caller only.
    expect(seen).toEqual(['epoch']);
    expect(events.map((e) => e.type)).toEqual(['epoch', 'done']);
  });

  it('drops the answer of a cancelled request, and hands on a late one after its deadline', async () => {
    const { worker, client, events } = setup();
    const cancel = new AbortController();
    const filters = client.call('firstLayerFilters', {}, { signal: cancel.signal });
    const cancelledId = worker.last('firstLayerFilters').id;
    cancel.abort();
    await expect(filters).rejects.toMatchObject({ failure: 'cancelled' });
    const layer = { layer: 'conv1', size: 5, count: 16, pixels: new Float32Array(400) };
    worker.answer({ type: 'filters', id: cancelledId, filters: layer });
    expect(events).toEqual([]);

    const paused = client.call('pause', {});
    const rejected = expect(paused).rejects.toMatchObject({ failure: 'timedOut' });
    vi.advanceTimersByTime(REQUEST_DEADLINES_MS.pause);
    await rejected;
    // The worker did pause after all: the page's state must hear of it.
    worker.answer({ type: 'paused', id: worker.last('pause').id });
    expect(events.map((e) => e.type)).toEqual(['paused']);
    expect(client.pendingRequests).toBe(0);
  });

  it("hands a data load's progress to its caller and restarts its deadline with each", async () => {
    const { worker, client, events } = setup();
    const progress: number[] = [];
    const loading = client.call(
      'loadData',
      { baseUrl: '/' },
      { onProgress: (e) => progress.push(e.type === 'dataProgress' ? e.loadedBytes : -1) },
    );
    const { id } = worker.last('loadData');
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(REQUEST_DEADLINES_MS.loadData - 1000);
      worker.answer({ type: 'dataProgress', id, loadedBytes: i, totalBytes: 10 });
    }
    worker.answer({ type: 'dataLoaded', id, trainCount: 1, testCount: 1 });
    await expect(loading).resolves.toMatchObject({ type: 'dataLoaded', trainCount: 1 });
    vi.advanceTimersByTime(10 * REQUEST_DEADLINES_MS.loadData);
    expect(progress).toEqual([0, 1, 2]);
    expect(events).toEqual([]);
    expect(client.pendingRequests).toBe(0);
  });

  it('reports a message it does not understand as a non-fatal protocol error', () => {
    const { worker, events } = setup();
    worker.answer({ type: 'bogus' });
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', scope: 'protocol', fatal: false }),
    ]);
  });

  it('matches predictions to requests by id, whatever the order of the answers', async () => {
    const { worker, client } = setup();
    const first = predictOf(client);
    const firstId = worker.last('predict').id;
    const second = predictOf(client);
    const secondId = worker.last('predict').id;
    const p2 = new Float32Array([0.2]);
    const p1 = new Float32Array([0.1]);
    worker.answer({ type: 'prediction', id: secondId, probabilities: p2 });
    worker.answer({ type: 'prediction', id: firstId, probabilities: p1 });
    await expect(first).resolves.toBe(p1);
    await expect(second).resolves.toBe(p2);
    expect(client.pendingRequests).toBe(0);
  });

  it('resolves the inspection requests with their answers, each matched by id', async () => {
    const { client, worker } = setup();
    const filters = client.call('firstLayerFilters', {}).then((a) => a.filters);
    const inspection = client
      .call('inspect', { pixels: new Float32Array(784) })
      .then((a) => a.inspection);
    const examples = client
      .call('confusionExamples', { epoch: 2, trueClass: 6, predictedClass: 0 })
      .then((a) => a.examples);
    expect(worker.last('confusionExamples')).toMatchObject({
      epoch: 2,
      trueClass: 6,
      predictedClass: 0,
    });
    const layer = { layer: 'conv1', size: 5, count: 16, pixels: new Float32Array(400) };
    const seen = {
      probabilities: new Float32Array(10),
      topClass: 3,
      featureMaps: [],
      saliency: new Float32Array(784),
    };
    const cell = {
      epoch: 2,
      trueClass: 6,
      predictedClass: 0,
      total: 0,
      indices: new Int32Array(0),
      pixels: new Uint8Array(0),
      probabilities: new Float32Array(0),
    };
    worker.answer({
      type: 'cellExamples',
      id: worker.last('confusionExamples').id,
      examples: cell,
    });
    worker.answer({ type: 'inspection', id: worker.last('inspect').id, inspection: seen });
    worker.answer({ type: 'filters', id: worker.last('firstLayerFilters').id, filters: layer });
    await expect(filters).resolves.toBe(layer);
    await expect(inspection).resolves.toBe(seen);
    await expect(examples).resolves.toBe(cell);
    expect(client.pendingRequests).toBe(0);
  });

  it('rejects a request when the worker answers that id with an error', async () => {
    const { worker, client } = setup();
    const samples = client.call('classifySamples', { count: 4 });
    const { id } = worker.last('classifySamples');
    worker.answer({ type: 'error', id, scope: 'predict', fatal: false, message: 'No model yet.' });
    await expect(samples).rejects.toThrow('No model yet.');
    await expect(samples).rejects.toBeInstanceOf(TrainerRequestError);
    await expect(samples).rejects.toMatchObject({ failure: 'refused', scope: 'predict' });
  });

  it('fails a request whose deadline passes, saying which', async () => {
    const { client } = setup();
    const prediction = predictOf(client);
    const rejected = expect(prediction).rejects.toThrow(
      'The training worker did not answer the prediction within 2 minutes.',
    );
    vi.advanceTimersByTime(REQUEST_DEADLINES_MS.predict);
    await rejected;
    expect(client.pendingRequests).toBe(0);
  });
});
