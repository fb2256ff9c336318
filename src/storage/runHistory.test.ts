import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../protocol';
import { STORES } from './appDatabase';
import { openAppDatabase } from './appDatabase';
import { requestResult } from './idbRequests';
import { finalTestAccuracy, RunHistory } from './runHistory';
import { freshDatabase, MINI_CONFIG } from './testing';

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
    await expect(history.rename('zz', 'x')).rejects.toThrow(/no longer stored/);
    await history.delete('b');
    expect((await history.list()).runs.map((r) => r.id)).toEqual(['a']);
  });

  it('leaves unreadable records out of the list and counts them', async () => {
    const db = await freshDatabase();
    const history = new RunHistory(db);
    await history.put(run('a', 1));
    const tx = db.transaction(STORES.runs, 'readwrite');
    await requestResult(tx.objectStore(STORES.runs).put({ id: 'old', name: 3 }));
    expect(await history.list()).toEqual({ runs: [run('a', 1)], unreadable: 1 });
  });

  it('reads a run stored before the recipe settings as the reference recipe, augment as both', async () => {
    const db = await freshDatabase();
    const { schedule, warmupShare, weightDecay, labelSmoothing, flips, shifts, preset, ...older } =
      MINI_CONFIG;
    const stored = { ...run('old', 1), config: { ...older, augment: true } };
    const tx = db.transaction(STORES.runs, 'readwrite');
    await requestResult(tx.objectStore(STORES.runs).put(stored));
    const read = await new RunHistory(db).get('old');
    expect(read?.config).toEqual({ ...MINI_CONFIG, flips: true, shifts: true });
    expect([schedule, warmupShare, weightDecay, labelSmoothing, flips, shifts, preset]).toEqual([
      'constant',
      0.3,
      0,
      0,
      false,
      false,
      'reference',
    ]);
  });

  it("takes a run's last epoch as its final accuracy", () => {
    expect(finalTestAccuracy({ epochs: [] })).toBeNull();
    const epoch = {
      trainLoss: 1,
      trainAccuracy: 0.5,
      testLoss: 1,
      trainSeconds: 1,
      evalSeconds: 1,
      imagesPerSec: 1,
    };
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

  it('reports a browser that refuses to open it (private mode) as unavailable', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    await expect(openAppDatabase(refusing)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
