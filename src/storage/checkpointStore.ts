// The last checkpoint of a run, in IndexedDB. Writing is atomic as the reader sees it: the tensors go
// in first under a new generation (one transaction each, so only one tensor's copy is in flight),
// then a single transaction points 'current' at the new generation and deletes the old one's. A
// crash, a reload or a full disk before that last commit leaves the previous checkpoint whole; the
// half-written generation is swept up by the next save or discard.

import {
  tensorBytes,
  type CheckpointSummary,
  type TensorData,
  type TrainerSnapshot,
} from '../protocol';
import { STORES } from './appDatabase';
import {
  CHECKPOINT_FORMAT,
  readCheckpointMeta,
  sizeOf,
  type CheckpointMeta,
  type TensorEntry,
} from './checkpointRecord';
import { inTransaction, requestResult } from './idbRequests';
import { StorageError, asStorageError } from './storageError';
import type { StorageRoom } from './storageRoom';

const CURRENT = 'current';

interface TensorRecord {
  data: ArrayBuffer;
}

const tensorKey = (generation: string, index: number) =>
  `${generation}/${String(index).padStart(5, '0')}`;

/** The buffer of `values` alone, without copying when it already owns the whole buffer. */
function ownBuffer(values: Float32Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = values;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength)
    return buffer;
  return values.slice().buffer;
}

export interface CheckpointToSave {
  summary: Omit<CheckpointSummary, 'bytes' | 'savedAt'>;
  snapshot: TrainerSnapshot;
}

export interface LoadedCheckpoint {
  summary: CheckpointSummary;
  snapshot: TrainerSnapshot;
}

function newGeneration(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

export class CheckpointStore {
  constructor(
    private readonly db: IDBDatabase,
    private readonly room: StorageRoom,
    /** Date.now, replaceable in tests. */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Writes `checkpoint` in place of the previous one. Throws a StorageError: 'quota' when the
   * browser says there is no room for it (before writing anything) or refuses a write midway;
   * either way the previous checkpoint is untouched.
   */
  async save(checkpoint: CheckpointToSave): Promise<CheckpointSummary> {
    const { snapshot } = checkpoint;
    const tensors = [...snapshot.weights, ...(snapshot.optimizer?.moments ?? [])];
    const bytes = tensorBytes(tensors);
    await this.room.require(bytes, 'this checkpoint');
    const generation = newGeneration();
    const summary: CheckpointSummary = { ...checkpoint.summary, bytes, savedAt: this.now() };
    const entry = (t: TensorData): TensorEntry => ({ name: t.name, shape: [...t.shape] });
    const meta: CheckpointMeta = {
      format: CHECKPOINT_FORMAT,
      generation,
      summary,
      weights: snapshot.weights.map(entry),
      optimizer: snapshot.optimizer && {
        iterations: snapshot.optimizer.iterations,
        moments: snapshot.optimizer.moments.map(entry),
      },
    };
    try {
      for (let i = 0; i < tensors.length; i++) {
        const record: TensorRecord = { data: ownBuffer(tensors[i]!.values) };
        await inTransaction(this.db, [STORES.tensors], 'readwrite', (tx) => {
          tx.objectStore(STORES.tensors).put(record, tensorKey(generation, i));
        });
      }
      await inTransaction(this.db, [STORES.checkpoint, STORES.tensors], 'readwrite', async (tx) => {
        const previous: unknown = await requestResult(
          tx.objectStore(STORES.checkpoint).get(CURRENT),
        );
        tx.objectStore(STORES.checkpoint).put(meta, CURRENT);
        const old = this.generationOf(previous);
        if (old) tx.objectStore(STORES.tensors).delete(generationRange(old));
      });
    } catch (error) {
      await this.sweep().catch(() => undefined);
      throw asStorageError(error, `saving the checkpoint (${(bytes / 1e6).toFixed(1)} MB)`);
    }
    return summary;
  }

  /** The stored checkpoint's description, checked (tensors not read); null when there is none. */
  async summary(): Promise<CheckpointSummary | null> {
    const meta = await this.meta();
    return meta?.summary ?? null;
  }

  /** The whole checkpoint, every tensor checked against its listed shape. */
  async load(): Promise<LoadedCheckpoint | null> {
    const meta = await this.meta();
    if (!meta) return null;
    const entries = [...meta.weights, ...(meta.optimizer?.moments ?? [])];
    const records = await inTransaction(this.db, [STORES.tensors], 'readonly', (tx) => {
      const store = tx.objectStore(STORES.tensors);
      return Promise.all(
        entries.map((_, i) => requestResult<unknown>(store.get(tensorKey(meta.generation, i)))),
      );
    }).catch((error: unknown) => {
      throw asStorageError(error, 'reading the checkpoint');
    });
    const tensors = entries.map((entry, i) => toTensor(entry, records[i]));
    const weights = tensors.slice(0, meta.weights.length);
    return {
      summary: meta.summary,
      snapshot: {
        weights,
        optimizer: meta.optimizer && {
          iterations: meta.optimizer.iterations,
          moments: tensors.slice(meta.weights.length),
        },
      },
    };
  }

  /** Deletes the checkpoint and any half-written one. */
  async discard(): Promise<void> {
    await inTransaction(this.db, [STORES.checkpoint, STORES.tensors], 'readwrite', (tx) => {
      tx.objectStore(STORES.checkpoint).delete(CURRENT);
      tx.objectStore(STORES.tensors).clear();
    }).catch((error: unknown) => {
      throw asStorageError(error, 'discarding the checkpoint');
    });
  }

  /** Deletes tensors that belong to no checkpoint (left by a save that did not finish). */
  async sweep(): Promise<void> {
    await inTransaction(this.db, [STORES.checkpoint, STORES.tensors], 'readwrite', async (tx) => {
      const current = this.generationOf(
        await requestResult(tx.objectStore(STORES.checkpoint).get(CURRENT)),
      );
      const tensors = tx.objectStore(STORES.tensors);
      const keys = await requestResult(tensors.getAllKeys());
      const stale = new Set(
        keys
          .map((k) => (typeof k === 'string' ? k : '').split('/')[0]!)
          .filter((g) => g !== current),
      );
      for (const generation of stale) tensors.delete(generationRange(generation));
    });
  }

  private async meta(): Promise<CheckpointMeta | null> {
    const value = await inTransaction(this.db, [STORES.checkpoint], 'readonly', (tx) =>
      requestResult<unknown>(tx.objectStore(STORES.checkpoint).get(CURRENT)),
    ).catch((error: unknown) => {
      throw asStorageError(error, 'reading the checkpoint');
    });
    return value === undefined ? null : readCheckpointMeta(value);
  }

  private generationOf(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || !('generation' in value)) return null;
    return typeof value.generation === 'string' ? value.generation : null;
  }
}

function generationRange(generation: string): IDBKeyRange {
  return IDBKeyRange.bound(`${generation}/`, `${generation}/\uffff`);
}

function toTensor(entry: TensorEntry, record: unknown): TensorData {
  const data =
    typeof record === 'object' && record !== null && 'data' in record ? record.data : undefined;
  if (!(data instanceof ArrayBuffer)) {
    throw new StorageError(
      'corrupt',
      `The saved checkpoint is damaged (tensor ${entry.name} is missing): discard it to start afresh.`,
    );
  }
  const expected = sizeOf(entry.shape) * 4;
  if (data.byteLength !== expected) {
    throw new StorageError(
      'corrupt',
      `The saved checkpoint is damaged (tensor ${entry.name} has ${data.byteLength} bytes, not ${expected}): discard it to start afresh.`,
    );
  }
  return { name: entry.name, shape: [...entry.shape], values: new Float32Array(data) };
}
