// A training run: refused, started, run to the end, paused, resumed and stopped.

import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { createHarness, errorsOf, readySession, tinyConfig } from './testing/sessionHarness';

const TINY = tinyConfig({ epochs: 2 });

beforeAll(useCpuBackend);

describe('train', () => {
  it('refuses to train before a backend or before the data, with a clear message', async () => {
    const h = createHarness();
    await h.send({ type: 'train', config: TINY });
    expect(errorsOf(h)[0]?.message).toMatch(/no backend yet: send init first/);
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'train', config: TINY });
    expect(errorsOf(h)[1]).toMatchObject({ scope: 'training', fatal: false });
    expect(errorsOf(h)[1]?.message).toMatch(/dataset is not loaded yet/);
    expect(h.ofType('trainStarted')).toHaveLength(0);
  });

  it('rejects a bad config without starting a run', async () => {
    const h = await readySession();
    await h.send({ type: 'train', config: { ...TINY, batchSize: 500 } });
    expect(errorsOf(h)[0]?.message).toMatch(/Batch size 500 is larger than the 32 training images/);
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
    expect(errorsOf(h)).toEqual([]);
  });

  it('answers a second train with an error while the first run carries on', async () => {
    const h = await readySession();
    const run = h.send({ type: 'train', config: TINY });
    await h.send({ type: 'train', config: { ...TINY, seed: 4 } });
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    // All 'training' scope: the page keeps the run going (a 'backend' error would mean a dead worker).
    expect(errorsOf(h).map((e) => [e.scope, e.fatal, e.message])).toEqual([
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
    expect(errorsOf(h)).toEqual([]);
  });

  it('says there is nothing to pause, resume or stop when no run is going', async () => {
    const h = await readySession();
    await h.send({ type: 'pause' });
    await h.send({ type: 'resume' });
    await h.send({ type: 'stop' });
    expect(errorsOf(h).map((e) => [e.id, e.scope, e.message])).toEqual([
      [3, 'training', 'No training run to pause.'],
      [4, 'training', 'No training run to resume.'],
      [5, 'training', 'No training run to stop.'],
    ]);
  });
});
