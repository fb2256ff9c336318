// Test helpers for the storage layer: a fresh in-memory IndexedDB (fake-indexeddb) per test, and a
// snapshot with known values.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { TrainConfig, TrainerSnapshot } from '../../protocol';
import { openAppDatabase } from '../appDatabase';
import { PLAIN_RECIPE_OPTIONS } from '../../protocol';

export const MINI_CONFIG: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 3,
  batchSize: 16,
  learningRate: 0.001,
  trainImages: 64,
  testImages: 16,
  seed: 4,
  ...PLAIN_RECIPE_OPTIONS,
};

export function freshDatabase(): Promise<IDBDatabase> {
  return openAppDatabase(new IDBFactory());
}

/** Two weights and their Adam moments; `salt` changes every value. NaN and -0 check bit-exactness. */
export function fakeSnapshot(salt: number, withOptimizer = true): TrainerSnapshot {
  const tensor = (name: string, shape: number[], offset: number) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    values.forEach((_, i) => (values[i] = Math.sin(i + offset + salt) / 3));
    values[0] = offset === 0 ? Number.NaN : -0;
    return { name, shape, values };
  };
  const weights = [tensor('conv1/kernel', [5, 5, 1, 2], 0), tensor('conv1/bias', [2], 1)];
  return {
    weights,
    optimizer: withOptimizer
      ? {
          iterations: 12 + salt,
          moments: [
            tensor('conv1/kernel/m', [5, 5, 1, 2], 2),
            tensor('conv1/bias/m', [2], 3),
            tensor('conv1/kernel/v', [5, 5, 1, 2], 4),
            tensor('conv1/bias/v', [2], 5),
          ],
        }
      : null,
  };
}

/** The bits of every value, so NaN and -0 compare exactly. */
export function bitsOf(snapshot: TrainerSnapshot): number[][] {
  return [...snapshot.weights, ...(snapshot.optimizer?.moments ?? [])].map((t) =>
    Array.from(new Uint32Array(t.values.buffer, t.values.byteOffset, t.values.length)),
  );
}
