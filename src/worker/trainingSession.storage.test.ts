import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../protocol';
import { STORES } from '../storage/appDatabase';
import { StorageError } from '../storage/storageError';
import { freshDatabase } from '../storage/testing/storageFixtures';
import { useCpuBackend } from '../testing/cpuBackend';
import { type Harness, readySession, tinyConfig } from './testing/sessionHarness';
import type { PersistenceOptions } from './persistence';

const TWO_EPOCHS = tinyConfig({ epochs: 2 });

beforeAll(useCpuBackend);

/** One browser profile: the same database for every page load (harness) made from it. */
async function profile(room = { usage: 0, quota: 1e12 }) {
  const db = await freshDatabase();
  const storage: PersistenceOptions = {
    openDatabase: () => Promise.resolve(db),
    estimate: () => Promise.resolve(room),
  };
  return { db, room, storage };
}

/** A ready session on `storage` (a fresh in-memory database when none is given). */
const readyWith = (storage?: PersistenceOptions) => readySession(storage ? { storage } : {});

/** Trains `config` and stops the run once its first epoch is reported (a closed tab after epoch 1). */
async function trainOneEpoch(h: Harness, config: TrainConfig): Promise<void> {
  const epochs = h.ofType('epoch').length;
  const checkpoints = () =>
    h.ofType('checkpointSaved').length + h.ofType('checkpointFailed').length;
  const before = checkpoints();
  const run = h.send({ type: 'train', config });
  await h.until(() => h.ofType('epoch').length === epochs + 1, 'the first epoch');
  await h.send({ type: 'stop' });
  await run;
  await h.until(() => checkpoints() > before, 'the checkpoint');
}

const lastReport = (h: Harness) => h.ofType('stored').at(-1)?.report;

describe('checkpoints and resume', () => {
  it('checkpoints after each epoch but the last, and a finished run leaves none', async () => {
    const h = await readyWith();
    await h.send({ type: 'train', config: TWO_EPOCHS });
    const started = h.ofType('trainStarted')[0];
    // alexnet-mini: 163,146 parameters, 4 bytes each, three times with Adam's moments.
    expect(started?.checkpoint).toEqual({
      mode: 'full',
      fullBytes: 163_146 * 12,
      weightsBytes: 163_146 * 4,
      freeBytes: 1e12,
    });
    expect(h.ofType('checkpointSaved')).toEqual([
      {
        type: 'checkpointSaved',
        epoch: 1,
        bytes: 163_146 * 12,
        seconds: expect.any(Number) as number,
        contents: 'full',
      },
    ]);
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    const report = lastReport(h);
    expect(report?.checkpoint).toBeNull();
    expect(report?.runs).toHaveLength(1);
    expect(report?.runs[0]).toMatchObject({
      id: started?.runId,
      status: 'finished',
      config: TWO_EPOCHS,
      backend: { name: 'cpu', adapter: null, isSoftware: true, kernels: 'own' },
    });
    expect(report?.runs[0]?.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('resumes a stopped run after a reload, in a new worker, and finishes it as the same run', async () => {
    const { storage } = await profile();
    const first = await readyWith(storage);
    await trainOneEpoch(first, TWO_EPOCHS);
    const epoch1 = first.ofType('epoch')[0]!.metrics;

    const second = await readyWith(storage); // the page reloaded
    await second.send({ type: 'listStored' });
    const listed = lastReport(second);
    expect(listed?.checkpoint).toMatchObject({
      epochsDone: 1,
      config: TWO_EPOCHS,
      contents: 'full',
    });
    expect(listed?.runs[0]?.status).toBe('stopped');

    await second.send({ type: 'resumeCheckpoint' });
    const started = second.ofType('trainStarted')[0];
    expect(started).toMatchObject({
      id: second.lastId(),
      config: TWO_EPOCHS,
      runId: first.ofType('trainStarted')[0]?.runId,
      resumed: { epochsDone: 1, epochs: [epoch1], contents: 'full' },
    });
    expect(second.ofType('epoch').map((e) => e.metrics.epoch)).toEqual([2]);
    expect(second.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    const runs = lastReport(second)?.runs ?? [];
    expect(runs).toHaveLength(1);
    expect(runs[0]?.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(runs[0]?.status).toBe('finished');
    expect(second.ofType('error')).toEqual([]);

    // The resumed epoch's matrix came back, but not the images behind it; epoch 2's are in memory.
    expect(second.ofType('trainStarted')[0]?.resumed?.epochs[0]?.classes?.confusion).toHaveLength(
      100,
    );
    await second.send({ type: 'confusionExamples', epoch: 1, trueClass: 0, predictedClass: 0 });
    expect(second.ofType('error')[0]?.message).toMatch(/not in memory/);
    await second.send({ type: 'confusionExamples', epoch: 2, trueClass: 0, predictedClass: 0 });
    expect(second.ofType('cellExamples')).toHaveLength(1);
  });

  it('says plainly when storage is short, keeps training, and takes weights only when told', async () => {
    const { storage, room } = await profile({ usage: 0, quota: 1e6 }); // 1 MB: weights fit, Adam does not
    const h = await readyWith(storage);
    await h.send({ type: 'train', config: { ...TWO_EPOCHS, epochs: 3 } });
    const failed = h.ofType('checkpointFailed');
    expect(failed[0]).toMatchObject({
      epoch: 1,
      reason: 'quota',
      neededBytes: 163_146 * 12,
      freeBytes: 1e6,
      message:
        'Not enough storage for this checkpoint: it needs 2.0 MB and the browser allows this site 1.0 MB more.',
    });
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    expect(h.ofType('epoch')).toHaveLength(3);

    await h.send({ type: 'setCheckpointMode', mode: 'weights' });
    expect(lastReport(h)?.mode).toBe('weights');
    room.usage = 0;
    await trainOneEpoch(h, TWO_EPOCHS);
    expect(h.ofType('checkpointSaved').at(-1)).toMatchObject({
      epoch: 1,
      contents: 'weights',
      bytes: 163_146 * 4,
    });
  });

  it('names a damaged checkpoint, refuses to resume it, and lets it be discarded', async () => {
    const { db, storage } = await profile();
    const h = await readyWith(storage);
    await trainOneEpoch(h, TWO_EPOCHS);
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = db.transaction(STORES.tensors).objectStore(STORES.tensors).getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction(STORES.tensors, 'readwrite');
      tx.objectStore(STORES.tensors).put({ data: new ArrayBuffer(12) }, keys[3]);
      tx.oncomplete = resolve;
    });
    await h.send({ type: 'resumeCheckpoint' });
    expect(h.ofType('error').at(-1)).toEqual({
      type: 'error',
      id: h.lastId(),
      scope: 'storage',
      fatal: false,
      message:
        'The saved checkpoint is damaged (tensor conv2/bias has 12 bytes, not 128): discard it to start afresh.',
    });
    expect(h.ofType('trainStarted')).toHaveLength(1); // only the first run
    // A tensor of the right size, but NaN: refused at Resume too, not trained on silently.
    await new Promise((resolve) => {
      const tx = db.transaction(STORES.tensors, 'readwrite');
      tx.objectStore(STORES.tensors).put({ data: new Float32Array(32).fill(NaN).buffer }, keys[3]);
      tx.oncomplete = resolve;
    });
    await h.send({ type: 'resumeCheckpoint' });
    expect(h.ofType('error').at(-1)).toMatchObject({
      id: h.lastId(),
      scope: 'storage',
      message:
        'The weights cannot be used: conv2/bias holds NaN or infinite values. Discard them and train anew.',
    });
    expect(h.ofType('done')).toHaveLength(1); // only the first run
    await h.send({ type: 'discardCheckpoint' });
    expect(lastReport(h)?.checkpoint).toBeNull();
    // Nothing else is lost: the run is still in the history, and a new run trains.
    expect(lastReport(h)?.runs).toHaveLength(1);
  });

  it('trains as usual where IndexedDB is unavailable, and says why nothing is kept', async () => {
    const h = await readyWith({
      openDatabase: () => Promise.reject(new StorageError('unavailable', 'No IndexedDB here.')),
      estimate: null,
    });
    await h.send({ type: 'train', config: TWO_EPOCHS });
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    expect(h.ofType('checkpointFailed')).toMatchObject([{ epoch: 1, reason: 'unavailable' }]);
    await h.send({ type: 'listStored' });
    expect(lastReport(h)).toMatchObject({
      available: false,
      problem: 'No IndexedDB here.',
      runs: [],
    });
    await h.send({ type: 'resumeCheckpoint' });
    expect(h.ofType('error').at(-1)).toMatchObject({
      scope: 'storage',
      message: 'No IndexedDB here.',
    });
  });
});

describe('run history commands', () => {
  it('renames and deletes runs, answering with what is stored', async () => {
    const h = await readyWith();
    await h.send({ type: 'train', config: { ...TWO_EPOCHS, epochs: 1 } });
    const runId = h.ofType('trainStarted')[0]!.runId!;
    await h.send({ type: 'renameRun', runId, name: 'first try' });
    expect(h.ofType('stored').at(-1)).toMatchObject({ id: h.lastId() });
    expect(lastReport(h)?.runs[0]?.name).toBe('first try');
    await h.send({ type: 'renameRun', runId, name: '' });
    expect(h.ofType('error').at(-1)).toMatchObject({ id: h.lastId(), scope: 'storage' });
    await h.send({ type: 'deleteRun', runId });
    expect(lastReport(h)?.runs).toEqual([]);
  });
});
