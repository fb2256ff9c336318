// The fields of a command that crossed into the worker, checked by the rules the page applies (the
// settings form's configRules, the checkpoint modes the panel offers, the backends there are), so
// a message the page would never send, from a stale tab or a script, is refused with a reason
// instead of reaching the session as a value it does not expect.

import { BACKEND_PREFERENCE, KERNEL_MODES } from './backend';
import { configProblems } from './configRules';
import type { WorkerCommand } from './messages';
import { CHECKPOINT_MODES } from './storage';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInt = (v: unknown) => Number.isSafeInteger(v);
const optionalIn = (list: readonly string[], v: unknown) =>
  v === undefined || (typeof v === 'string' && list.includes(v));

function configProblem(config: unknown): string | null {
  if (!isObject(config)) return 'its config is not an object';
  const [first] = configProblems(config as never);
  return first ? first.message : null;
}

/** Why `cmd`'s fields are not what the page would send, or null when they are. */
export function commandProblem(cmd: WorkerCommand): string | null {
  const c = cmd as unknown as Record<string, unknown>;
  switch (cmd.type) {
    case 'attach':
      return c.lifeLock === null || typeof c.lifeLock === 'string'
        ? null
        : 'lifeLock is not a name';
    case 'init':
      if (!optionalIn(BACKEND_PREFERENCE, c.backend))
        return `backend must be one of ${BACKEND_PREFERENCE.join(', ')}`;
      return optionalIn(KERNEL_MODES, c.kernels)
        ? null
        : `kernels must be one of ${KERNEL_MODES.join(', ')}`;
    case 'loadData':
      return typeof c.baseUrl === 'string' ? null : 'baseUrl is not a string';
    case 'train':
      if (c.fromCurrentWeights !== undefined && typeof c.fromCurrentWeights !== 'boolean')
        return 'fromCurrentWeights is not true or false';
      return configProblem(c.config);
    case 'predict':
    case 'inspect':
      return c.pixels instanceof Float32Array ? null : 'pixels is not a Float32Array';
    case 'classifySamples':
      return isInt(c.count) ? null : 'count is not a whole number';
    case 'renameRun':
      if (typeof c.name !== 'string') return 'name is not a string';
      return typeof c.runId === 'string' ? null : 'runId is not a string';
    case 'deleteRun':
      return typeof c.runId === 'string' ? null : 'runId is not a string';
    case 'setCheckpointMode':
      return optionalIn(CHECKPOINT_MODES, c.mode) && c.mode !== undefined
        ? null
        : `mode must be one of ${CHECKPOINT_MODES.join(', ')}`;
    case 'loadModel':
      return Array.isArray(c.files) &&
        c.files.every(
          (f) => isObject(f) && typeof f.name === 'string' && f.bytes instanceof ArrayBuffer,
        )
        ? null
        : 'files are not named byte buffers';
    case 'confusionExamples':
      return isInt(c.epoch) && isInt(c.trueClass) && isInt(c.predictedClass)
        ? null
        : 'epoch and classes must be whole numbers';
    default:
      return null;
  }
}
