import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORES } from './appDatabase';
import { CheckpointStore, type CheckpointToSave } from './checkpointStore';
import { requestResult } from './idbRequests';
import { StorageRoom } from './storageRoom';
import { bitsOf, fakeSnapshot, freshDatabase, MINI_CONFIG } from './testing/storageFixtures';
import { StorageError } from './storageError';

const plentyOfRoom = new StorageRoom(() => Promise.resolve({ usage: 0, quota: 1e12 }));

function checkpoint(epochsDone: number, salt = epochsDone): CheckpointToSave {
  return {
    summary: {
      runId: 'run-a',
      runName: 'Run A',
      config: MINI_CONFIG,
      epochsDone,
      epochs: [],
      contents: 'full',
    },
    snapshot: fakeSnapshot(salt),
  };
}

async function storeWith(room = plentyOfRoom) {
  const db = await freshDatabase();
  return { db, store: new CheckpointStore(db, room, () => 1_700_000_000_000) };
}

async function tensorKeys(db: IDBDatabase): Promise<string[]> {
  const tx = db.transaction(STORES.tensors);
  return (await requestResult(tx.objectStore(STORES.tensors).getAllKeys())).map(String);
}

async function putMeta(db: IDBDatabase, change: (meta: Record<string, unknown>) => void) {
  const read = db.transaction(STORES.checkpoint);
  const meta = (await requestResult(read.objectStore(STORES.checkpoint).get('current'))) as Record<
    string,
    unknown
  >;
  change(meta);
  const write = db.transaction(STORES.checkpoint, 'readwrite');
  await requestResult(write.objectStore(STORES.checkpoint).put(meta, 'current'));
}

afterEach(() => vi.restoreAllMocks());

describe('CheckpointStore', () => {
  it('gives back weights and Adam state bit for bit, with its summary', async () => {
    const { store } = await storeWith();
    const saved = await store.save(checkpoint(1));
    expect(saved).toMatchObject({ epochsDone: 1, bytes: (50 + 2) * 3 * 4, savedAt: 1.7e12 });
    const loaded = await store.load();
    expect(loaded?.summary).toEqual(saved);
    expect(bitsOf(loaded!.snapshot)).toEqual(bitsOf(fakeSnapshot(1)));
    expect(loaded?.snapshot.optimizer?.iterations).toBe(13);
    expect(loaded?.snapshot.weights.map((w) => w.shape)).toEqual([[5, 5, 1, 2], [2]]);
  });

  it('stores weights only when asked, and says so', async () => {
    const { store } = await storeWith();
    await store.save({
      summary: { ...checkpoint(2).summary, contents: 'weights' },
      snapshot: fakeSnapshot(2, false),
    });
    const loaded = await store.load();
    expect(loaded?.summary).toMatchObject({ contents: 'weights', bytes: 52 * 4 });
    expect(loaded?.snapshot.optimizer).toBeNull();
  });

  it('replaces the previous checkpoint and deletes its tensors', async () => {
    const { db, store } = await storeWith();
    await store.save(checkpoint(1));
    await store.save(checkpoint(2));
    expect((await store.summary())?.epochsDone).toBe(2);
    expect(bitsOf((await store.load())!.snapshot)).toEqual(bitsOf(fakeSnapshot(2)));
    expect(await tensorKeys(db)).toHaveLength(6);
  });

  it('keeps the previous checkpoint whole when a save breaks off midway, and sweeps the rest', async () => {
    const { db, store } = await storeWith();
    await store.save(checkpoint(1));
    // The original, called on its own store through apply(this) below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      // The fourth tensor of the new checkpoint: as a tab closing mid-write, or a failing disk.
      if (++puts === 4) throw new DOMException('disk gone', 'UnknownError');
      return put.apply(this, args);
    });
    await expect(store.save(checkpoint(2))).rejects.toThrow(
      /Could not finish saving the checkpoint/,
    );
    vi.restoreAllMocks();
    expect((await store.summary())?.epochsDone).toBe(1);
    expect(bitsOf((await store.load())!.snapshot)).toEqual(bitsOf(fakeSnapshot(1)));
    expect(await tensorKeys(db)).toHaveLength(6); // the 3 half-written tensors are gone
  });

  it('says plainly when the quota is exceeded mid-write, keeping the previous checkpoint', async () => {
    const { store } = await storeWith();
    await store.save(checkpoint(1));
    // The original, called on its own store through apply(this) below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++puts === 2) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const error = await store.save(checkpoint(2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota' });
    expect((error as Error).message).toMatch(/storage is full: saving the checkpoint \(0\.0 MB\)/);
    vi.restoreAllMocks();
    expect((await store.summary())?.epochsDone).toBe(1);
  });

  it('refuses before writing when the browser reports too little room', async () => {
    const tight = new StorageRoom(() => Promise.resolve({ usage: 900, quota: 1000 }));
    const { db, store } = await storeWith(tight);
    await expect(store.save(checkpoint(1))).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(
        /needs 0\.0 MB and the browser allows this site 0\.0 MB more/,
      ) as string,
    });
    expect(await store.summary()).toBeNull();
    expect(await tensorKeys(db)).toEqual([]);
  });

  it('names a damaged description, a missing tensor and a truncated one', async () => {
    const { db, store } = await storeWith();
    await store.save(checkpoint(1));
    await putMeta(db, (meta) => delete meta.weights);
    await expect(store.summary()).rejects.toMatchObject({
      kind: 'corrupt',
      message:
        'The saved checkpoint is damaged (its weight list is missing): discard it to start afresh.',
    });

    await store.save(checkpoint(1));
    const keys = await tensorKeys(db);
    const tx = db.transaction(STORES.tensors, 'readwrite');
    tx.objectStore(STORES.tensors).delete(keys[1]!);
    tx.objectStore(STORES.tensors).put({ data: new ArrayBuffer(8) }, keys[0]);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    await expect(store.load()).rejects.toThrow(/tensor conv1\/kernel has 8 bytes, not 200/);
  });

  it('refuses a checkpoint written by another version, as incompatible', async () => {
    const { db, store } = await storeWith();
    await store.save(checkpoint(1));
    await putMeta(db, (meta) => (meta.format = 0));
    await expect(store.load()).rejects.toMatchObject({
      kind: 'incompatible',
      message: expect.stringMatching(
        /another version of this app \(format 0, this one reads 1\)/,
      ) as string,
    });
    await store.discard(); // and it can still be thrown away
    expect(await store.summary()).toBeNull();
    expect(await tensorKeys(db)).toEqual([]);
  });

  it("keeps the run's dropout rate; one saved before the setting reads as 0.5, a bad one as damaged", async () => {
    const { db, store } = await storeWith();
    const config = (meta: Record<string, unknown>) =>
      (meta.summary as { config: Record<string, unknown> }).config;
    const saved = checkpoint(1);
    await store.save({
      ...saved,
      summary: { ...saved.summary, config: { ...MINI_CONFIG, dropout: 0 } },
    });
    expect((await store.summary())?.config).toEqual({ ...MINI_CONFIG, dropout: 0 });
    await putMeta(db, (meta) => delete config(meta).dropout);
    expect((await store.summary())?.config).toEqual({ ...MINI_CONFIG, dropout: 0.5 });
    await putMeta(db, (meta) => (config(meta).dropout = 1));
    await expect(store.summary()).rejects.toThrow(
      /settings are invalid: Dropout must be at least 0 and below 1, got 1\./,
    );
  });

  it('refuses a description whose settings make no sense', async () => {
    const { db, store } = await storeWith();
    await store.save(checkpoint(1));
    await putMeta(db, (meta) => {
      (meta.summary as { epochsDone: number }).epochsDone = 7;
    });
    await expect(store.summary()).rejects.toThrow(/epoch count 7 does not fit a 3-epoch run/);
  });
});
