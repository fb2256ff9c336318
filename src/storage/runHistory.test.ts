import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../protocol';
import { STORES } from './appDatabase';
import { openAppDatabase } from './appDatabase';
import { requestResult, transactionDone } from './idbRequests';
import { finalTestAccuracy, RunHistory } from './runHistory';
import { freshDatabase, MINI_CONFIG } from './testing/storageFixtures';
import { IDBFactory } from 'fake-indexeddb';

const EPOCH = {
  trainLoss: 1,
  trainAccuracy: 0.5,
  testLoss: 1,
  trainSeconds: 1,
  evalSeconds: 1,
  imagesPerSec: 1,
};

function run(id: string, startedAt: number): RunRecord {
  return {
    id,
    name: `Run ${id}`,
    config: MINI_CONFIG,
    backend: { name: 'cpu', adapter: null, isSoftware: true, kernels: 'own' },
    epochs: [],
    startedAt,
    updatedAt: startedAt,
    durationSeconds: 0,
    status: 'running',
  };
}

describe('RunHistory', () => {
  it('lists runs newest first, renames and deletes them', async () => {
    const history = new RunHistory(await freshDatabase());
    await history.put(run('a', 1));
    await history.put(run('b', 2));
    expect((await history.list()).runs.map((r) => r.id)).toEqual(['b', 'a']);
    await history.rename('a', '  lr 0.01  ');
    expect((await history.get('a'))?.name).toBe('lr 0.01');
    await expect(history.rename('a', '   ')).rejects.toThrow(/1 to 80 characters/);
    // Nothing visible: a zero-width space alone; a direction override is dropped from a name.
    await expect(history.rename('a', '\u200b')).rejects.toThrow(/1 to 80 characters/);
    await history.rename('a', 'lr\u202e 0.01');
    expect((await history.get('a'))?.name).toBe('lr 0.01');
    // 80 emoji are 160 UTF-16 units, and 80 characters.
    await history.rename('a', '🧥'.repeat(80));
    expect((await history.get('a'))?.name).toBe('🧥'.repeat(80));
    await expect(history.rename('a', '🧥'.repeat(81))).rejects.toThrow(/1 to 80 characters/);
    await history.rename('a', 'lr 0.01');
    await expect(history.rename('zz', 'x')).rejects.toThrow(/no longer stored/);
    await history.delete('b');
    expect((await history.list()).runs.map((r) => r.id)).toEqual(['a']);
  });

  it('keeps a rename made while the run trains when the run saves its progress', async () => {
    const history = new RunHistory(await freshDatabase());
    await history.put(run('a', 1));
    await history.rename('a', 'renamed mid-run');
    const progress = { ...run('a', 1), epochs: [{ ...EPOCH, epoch: 1, testAccuracy: 0.7 }] };
    expect(await history.saveProgress(progress)).toBe('renamed mid-run');
    expect(await history.get('a')).toEqual({ ...progress, name: 'renamed mid-run' });
    // A record not stored yet (or deleted meanwhile) is written under its own name.
    expect(await history.saveProgress(run('b', 2))).toBe('Run b');
  });

  it('leaves damaged records out of the list, names them, and removes them on request', async () => {
    const db = await freshDatabase();
    const history = new RunHistory(db);
    await history.put(run('a', 1));
    const epoch = { ...EPOCH, epoch: 1, testAccuracy: '0.8' };
    const damaged = [
      { id: 'old', name: 3 },
      { ...run('far', 1), startedAt: 9e15 },
      { ...run('nan', 1), name: 'nan run', startedAt: Number.NaN },
      { ...run('text', 1), epochs: [epoch] },
    ];
    const tx = db.transaction(STORES.runs, 'readwrite');
    for (const record of damaged) tx.objectStore(STORES.runs).put(record);
    await transactionDone(tx);
    expect(await history.list()).toEqual({
      runs: [run('a', 1)],
      damaged: [
        { name: 'Run far', problem: 'its start time is not a date' },
        { name: 'nan run', problem: 'its start time is not a date' },
        { name: 'old', problem: 'no name' },
        { name: 'Run text', problem: "epoch 1's testAccuracy is not a number" },
      ],
    });
    await history.removeDamaged();
    expect(await history.list()).toEqual({ runs: [run('a', 1)], damaged: [] });
  });

  it('reads a run stored before the recipe settings as the reference recipe, augment as both', async () => {
    const db = await freshDatabase();
    const {
      schedule,
      warmupShare,
      weightDecay,
      labelSmoothing,
      flips,
      shifts,
      dropout,
      preset,
      ...older
    } = MINI_CONFIG;
    const stored = { ...run('old', 1), config: { ...older, augment: true } };
    const tx = db.transaction(STORES.runs, 'readwrite');
    await requestResult(tx.objectStore(STORES.runs).put(stored));
    const read = await new RunHistory(db).get('old');
    expect(read?.config).toEqual({ ...MINI_CONFIG, flips: true, shifts: true });
    expect([
      schedule,
      warmupShare,
      weightDecay,
      labelSmoothing,
      flips,
      shifts,
      dropout,
      preset,
    ]).toEqual(['constant', 0.3, 0, 0, false, false, 0.5, 'reference']);
  });

  it("keeps a run's dropout rate, and reads a run stored before the setting as dropout 0.5", async () => {
    const db = await freshDatabase();
    const history = new RunHistory(db);
    await history.put({ ...run('none', 1), config: { ...MINI_CONFIG, dropout: 0 } });
    expect((await history.get('none'))?.config).toEqual({ ...MINI_CONFIG, dropout: 0 });
    const { dropout, ...older } = { ...MINI_CONFIG, dropout: 0.25 };
    const tx = db.transaction(STORES.runs, 'readwrite');
    await requestResult(tx.objectStore(STORES.runs).put({ ...run('old', 2), config: older }));
    expect(dropout).not.toBe(0.5);
    expect((await history.get('old'))?.config).toEqual({ ...MINI_CONFIG, dropout: 0.5 });
  });

  it("takes a run's last epoch as its final accuracy", () => {
    expect(finalTestAccuracy({ epochs: [] })).toBeNull();
    const epoch = EPOCH;
    expect(
      finalTestAccuracy({
        epochs: [
          { ...epoch, epoch: 1, testAccuracy: 0.4 },
          { ...epoch, epoch: 2, testAccuracy: 0.6 },
        ],
      }),
    ).toBe(0.6);
  });
});

describe('openAppDatabase', () => {
  it('says plainly that nothing is kept where there is no IndexedDB', async () => {
    await expect(openAppDatabase(null)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/^This browser offers no IndexedDB here/) as string,
    });
  });

  it('rebuilds the stores a damaged database lacks, keeping the ones it has, and opens it again', async () => {
    const factory = new IDBFactory();
    const damaged = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('alexnet-webgpu', 1);
      request.onupgradeneeded = () =>
        request.result.createObjectStore(STORES.runs, { keyPath: 'id' }).put(run('kept', 1));
      request.onsuccess = () => resolve(request.result);
    });
    damaged.close();
    const db = await openAppDatabase(factory);
    expect([...db.objectStoreNames].sort()).toEqual(['checkpoint', 'runs', 'tensors']);
    expect((await new RunHistory(db).list()).runs.map((r) => r.id)).toEqual(['kept']);
    db.close();
    const again = await openAppDatabase(factory);
    expect(again.version).toBe(2);
    expect(again.objectStoreNames).toHaveLength(3);
  });

  it('reports a browser that refuses to open it (private mode) as unavailable', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    await expect(openAppDatabase(refusing)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
