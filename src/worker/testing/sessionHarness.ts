// Test helper: a TrainingSession on the CPU backend fed from memory, with its events recorded.

import * as tf from '@tensorflow/tfjs';
import {
  yieldToEventLoop,
  type DatasetManifest,
  type LabelledImages,
  type SelectedBackend,
} from '../../engine';
import { syntheticImages } from '../../tools/syntheticImages';
import {
  FASHION_MNIST_CLASSES,
  PLAIN_RECIPE_OPTIONS,
  type BackendName,
  type KernelMode,
  type TrainConfig,
  type WorkerEvent,
} from '../../protocol';
import type { WorkerCommand } from '../../protocol';
import { TrainingSession, type DatasetSource } from '../trainingSession';
import type { PersistenceOptions } from '../persistence';
import { freshDatabase } from '../../storage/testing/storageFixtures';

type EventOf<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

export function manifestFor(trainCount: number, testCount: number): DatasetManifest {
  const shard = (file: string, count: number) => ({
    file,
    count,
    bytes: count * 785,
    sha256: '0'.repeat(64),
  });
  return {
    version: 1,
    dataset: 'fashion-mnist',
    imageSize: 28,
    classNames: [...FASHION_MNIST_CLASSES],
    train: { count: trainCount, shards: [shard('train-00.bin', trainCount)] },
    test: { count: testCount, shards: [shard('test-00.bin', testCount)] },
  };
}

/** Serves synthetic images, reporting progress in two halves like a two-shard download. */
export function memorySource(train: LabelledImages, test: LabelledImages): DatasetSource {
  const manifest = manifestFor(train.count, test.count);
  return {
    fetchManifest: () => Promise.resolve(manifest),
    loadDataset: (_baseUrl, m, { onProgress }) => {
      const total = (m.train.count + m.test.count) * 785;
      onProgress(0, total);
      onProgress(m.train.count * 785, total);
      onProgress(total, total);
      return Promise.resolve({ train, test });
    },
  };
}

/** A command without its id: `send` numbers them 1, 2, 3... */
type Unnumbered = WorkerCommand extends infer C
  ? C extends WorkerCommand
    ? Omit<C, 'id'>
    : never
  : never;

export interface Harness {
  session: TrainingSession;
  /** Hands `command` to the session, with the next id unless it has one; resolves when the session
   * is done with it. */
  send(command: Unnumbered | WorkerCommand): Promise<void>;
  /** The id the last `send` used. */
  lastId(): number;
  events: WorkerEvent[];
  /** tf.memory().numTensors at the moment each event was posted. */
  tensorsAt: number[];
  ofType<T extends WorkerEvent['type']>(type: T): EventOf<T>[];
  /** Lets the event loop turn until `predicate` holds; fails after `maxTurns` turns. */
  until(predicate: () => boolean, what: string, maxTurns?: number): Promise<void>;
}

export interface HarnessOptions {
  source?: DatasetSource;
  selectBackend?: (requested?: BackendName, kernels?: KernelMode) => Promise<SelectedBackend>;
  holdLifeLock?: (name: string) => Promise<boolean>;
  /** Defaults to a fresh in-memory IndexedDB (fake-indexeddb) with room to spare. */
  storage?: PersistenceOptions;
}

/** alexnet-mini at its smallest (two steps of 16 images, the plain reference recipe), changed by
 * `overrides`: the run most session tests train. */
export function tinyConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    model: 'alexnet-mini',
    epochs: 1,
    batchSize: 16,
    learningRate: 0.001,
    trainImages: 32,
    testImages: 16,
    seed: 3,
    ...PLAIN_RECIPE_OPTIONS,
    ...overrides,
  };
}

/** The error events `h` has posted so far. */
export const errorsOf = (h: Harness) => h.ofType('error');

/** A session that has chosen the CPU backend and loaded its data: where most tests start. */
export async function readySession(options: HarnessOptions = {}): Promise<Harness> {
  const h = createHarness(options);
  await h.send({ type: 'init', backend: 'cpu' });
  await h.send({ type: 'loadData', baseUrl: '/data/' });
  return h;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const events: WorkerEvent[] = [];
  const tensorsAt: number[] = [];
  const session = new TrainingSession({
    post: (event) => {
      events.push(event);
      tensorsAt.push(tf.memory().numTensors);
    },
    dataSource: options.source ?? memorySource(syntheticImages(96, 1), syntheticImages(24, 2)),
    ...(options.selectBackend ? { selectBackend: options.selectBackend } : {}),
    ...(options.holdLifeLock ? { holdLifeLock: options.holdLifeLock } : {}),
    storage: options.storage ?? {
      openDatabase: freshDatabase,
      estimate: () => Promise.resolve({ usage: 0, quota: 1e12 }),
    },
  });
  let nextId = 0;
  const send = (command: Unnumbered | WorkerCommand) => {
    nextId = 'id' in command ? command.id : nextId + 1;
    const numbered: WorkerCommand = { ...command, id: nextId };
    return session.handle(numbered);
  };
  const ofType = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is EventOf<T> => e.type === type);
  const until = async (predicate: () => boolean, what: string, maxTurns = 200_000) => {
    for (let turn = 0; turn < maxTurns; turn++) {
      if (predicate()) return;
      await yieldToEventLoop();
    }
    throw new Error(`Gave up waiting for ${what}; events: ${events.map((e) => e.type).join(', ')}`);
  };
  return { session, send, lastId: () => nextId, events, tensorsAt, ofType, until };
}
