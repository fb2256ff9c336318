// The run-history record check: everything the page formats (dates, accuracies, durations, the
// config) must be of the right type and in range, or the record is left out of the list and named.
// One damaged record (a hand-edited profile, a half-written disk, another version) must never reach
// the page: `new Date(9e15)` or `'0.8'.toFixed` would throw while rendering and blank the app.

import { isModelName, type RunStatus } from '../protocol';

const STATUSES: readonly RunStatus[] = ['running', 'finished', 'stopped', 'failed'];
/** The largest time a Date can hold (ECMAScript: ±8.64e15 ms). */
const MAX_TIME = 8.64e15;
const EPOCH_NUMBERS = [
  'trainLoss',
  'trainAccuracy',
  'testLoss',
  'testAccuracy',
  'trainSeconds',
  'evalSeconds',
  'imagesPerSec',
] as const;

const CONFIG_NUMBERS = [
  'epochs',
  'batchSize',
  'learningRate',
  'trainImages',
  'testImages',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME;
}

function epochProblem(value: unknown, index: number): string | null {
  if (!isObject(value)) return `epoch entry ${index + 1} is not a record`;
  if (!Number.isInteger(value.epoch) || (value.epoch as number) < 1)
    return `epoch entry ${index + 1} has no epoch number`;
  for (const field of EPOCH_NUMBERS) {
    // NaN losses are kept: a diverged epoch is a fact worth listing, and the page prints "NaN".
    if (typeof value[field] !== 'number')
      return `epoch ${String(value.epoch)}'s ${field} is not a number`;
  }
  if (value.classes !== undefined && !isObject(value.classes))
    return `epoch ${String(value.epoch)}'s class evaluation is damaged`;
  return null;
}

/** Why `value` is not a usable RunRecord, or null when it is one. */
export function runRecordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a record';
  if (typeof value.id !== 'string' || value.id === '') return 'no id';
  if (typeof value.name !== 'string') return 'no name';
  const config = value.config;
  if (!isObject(config) || !isModelName(config.model)) return 'no known model in its settings';
  // Only what the page shows of the settings: a record from a version with other settings stays.
  const field = CONFIG_NUMBERS.find((f) => typeof config[f] !== 'number');
  if (field) return `its settings' ${field} is not a number`;
  const backend = value.backend;
  if (!isObject(backend) || typeof backend.name !== 'string') return 'no backend';
  if (backend.adapter !== null && typeof backend.adapter !== 'string') return 'a damaged adapter';
  if (!isTime(value.startedAt)) return 'its start time is not a date';
  if (!isTime(value.updatedAt)) return 'its last update time is not a date';
  if (typeof value.durationSeconds !== 'number' || !(value.durationSeconds >= 0))
    return 'its duration is not a number of seconds';
  if (!STATUSES.includes(value.status as RunStatus)) return 'an unknown status';
  if (!Array.isArray(value.epochs)) return 'no epoch list';
  for (const [i, epoch] of value.epochs.entries()) {
    const problem = epochProblem(epoch, i);
    if (problem) return problem;
  }
  return null;
}
