// The stored form of a checkpoint's description, and the checks that tell a usable one from a
// damaged one ('corrupt') or one this version cannot read ('incompatible'). Pure: no IndexedDB.

import {
  configProblems,
  isModelName,
  withRecipeDefaults,
  type CheckpointContents,
  type CheckpointSummary,
  type EpochMetrics,
  type TrainConfig,
} from '../protocol';
import { StorageError } from './storageError';

/** Bumped whenever the stored layout changes; other values are refused as incompatible. */
export const CHECKPOINT_FORMAT = 1;

export interface TensorEntry {
  name: string;
  shape: number[];
}

export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  /** Prefix of this checkpoint's keys in the tensors store. */
  generation: string;
  summary: CheckpointSummary;
  /** The weights, in the model's order. */
  weights: TensorEntry[];
  /** Adam's step count and moments (first moments, then second); null for weights-only. */
  optimizer: { iterations: number; moments: TensorEntry[] } | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function corrupt(problem: string): never {
  throw new StorageError(
    'corrupt',
    `The saved checkpoint is damaged (${problem}): discard it to start afresh.`,
  );
}

function checkTensors(value: unknown, what: string): TensorEntry[] {
  if (!Array.isArray(value)) corrupt(`its ${what} list is missing`);
  return value.map((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string') corrupt(`${what} ${i} has no name`);
    const { shape } = entry;
    if (!Array.isArray(shape) || !shape.every((d) => isCount(d) && d > 0))
      corrupt(`${what} ${entry.name} has no valid shape`);
    return { name: entry.name, shape: shape as number[] };
  });
}

function checkConfig(value: unknown): TrainConfig {
  if (!isObject(value) || !isModelName(value.model)) corrupt('its training settings are missing');
  // Checkpoints from before the recipe settings read as the reference recipe they trained with.
  const config = withRecipeDefaults(value as unknown as TrainConfig);
  const problems = configProblems(config, { available: null, limits: null });
  if (problems.length > 0) corrupt(`its training settings are invalid: ${problems[0]!.message}`);
  return config;
}

function checkEpochs(value: unknown): EpochMetrics[] {
  if (!Array.isArray(value) || !value.every((e) => isObject(e) && isCount(e.epoch)))
    corrupt('its epoch log is unreadable');
  return value as EpochMetrics[];
}

/** The description as stored, checked; throws a StorageError saying what is wrong. */
export function readCheckpointMeta(value: unknown): CheckpointMeta {
  if (!isObject(value)) corrupt('its description is not a record');
  if (value.format !== CHECKPOINT_FORMAT) {
    throw new StorageError(
      'incompatible',
      `The saved checkpoint was written by another version of this app (format ${JSON.stringify(value.format)}, this one reads ${CHECKPOINT_FORMAT}): discard it to start afresh.`,
    );
  }
  if (typeof value.generation !== 'string' || value.generation === '') corrupt('it has no key');
  const s = value.summary;
  if (!isObject(s)) corrupt('its summary is missing');
  const contents = s.contents as CheckpointContents;
  if (contents !== 'full' && contents !== 'weights') corrupt('it does not say what it holds');
  const config = checkConfig(s.config);
  const epochs = checkEpochs(s.epochs);
  const { runId, runName, epochsDone, savedAt, bytes } = s;
  if (typeof runId !== 'string' || typeof runName !== 'string') corrupt('it names no run');
  if (!isCount(epochsDone) || epochsDone < 1 || epochsDone > config.epochs)
    corrupt(
      `its epoch count ${JSON.stringify(epochsDone)} does not fit a ${config.epochs}-epoch run`,
    );
  if (!isCount(savedAt) || !isCount(bytes)) corrupt('its date or size is missing');
  const weights = checkTensors(value.weights, 'weight');
  let optimizer: CheckpointMeta['optimizer'] = null;
  if (contents === 'full') {
    const o = value.optimizer;
    if (!isObject(o) || !isCount(o.iterations)) corrupt("Adam's step count is missing");
    optimizer = { iterations: o.iterations, moments: checkTensors(o.moments, 'Adam moment') };
    if (optimizer.moments.length !== 2 * weights.length)
      corrupt(`it has ${optimizer.moments.length} Adam moments for ${weights.length} weights`);
  }
  return {
    format: CHECKPOINT_FORMAT,
    generation: value.generation,
    summary: { runId, runName, config, epochsDone, epochs, savedAt, bytes, contents },
    weights,
    optimizer,
  };
}

/** Float32 values in a tensor of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
