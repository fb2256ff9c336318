// Command-line options of scripts/bench-kernels.ts, parsed and checked (pure: unit-tested).

import { parseArgs } from 'node:util';
import { MODEL_NAMES, type ModelName } from '../../src/protocol';

export interface KernelBenchArgs {
  models: ModelName[];
  batch: number;
  reps: number;
  /** A row's time budget after its first timed round (see src/bench/kernels/timing.ts). */
  rowSeconds: number;
  /** Time only rows with an own kernel. */
  ownOnly: boolean;
  /** Models whose whole training step is timed, with the batch for each. */
  steps: { model: ModelName; batch: number }[];
  budgetSeconds?: number;
  out?: string;
  /** Force the hardware adapter (--gpu) or SwiftShader (--software); undefined: auto. */
  adapter?: 'gpu' | 'software';
  /** Only these ops (e.g. filterGradient); undefined: all. */
  ops?: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A UsageError, or node:util parseArgs' error for an unknown or malformed option. */
export function isUsageError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    (error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS'))
  );
}

export function positiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${what} must be a positive integer, got "${value}".`);
  return n;
}

export function positiveSeconds(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${what} must be a number of seconds above 0, got "${value}".`);
  return n;
}

export function modelList(value: string, what: string): ModelName[] {
  return value.split(',').map((item) => {
    const name = item.trim();
    const model = MODEL_NAMES.find((m) => m === name);
    if (!model)
      throw new UsageError(
        `--${what}: unknown model "${name}"; choose from ${MODEL_NAMES.join(', ')}.`,
      );
    return model;
  });
}

/** "4" (every step model at batch 4) or "alexnet-mini=32,alexnet=2". */
function stepBatches(value: string | undefined, models: ModelName[], fallback: number) {
  const batches = new Map<ModelName, number>(models.map((m) => [m, fallback]));
  if (value === undefined) return batches;
  if (!value.includes('=')) {
    const n = positiveInt(value, 'step-batch');
    return new Map(models.map((m) => [m, n]));
  }
  for (const part of value.split(',')) {
    const [model = '', batch = ''] = part.split('=');
    const [name] = modelList(model, 'step-batch');
    batches.set(name!, positiveInt(batch, 'step-batch'));
  }
  return batches;
}

export function parseKernelBenchArgs(argv: string[]): KernelBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', default: 'alexnet' },
      batch: { type: 'string', default: '8' },
      reps: { type: 'string', default: '3' },
      'row-seconds': { type: 'string', default: '120' },
      'own-only': { type: 'boolean', default: false },
      steps: { type: 'string', default: 'alexnet-mini,alexnet' },
      'step-batch': { type: 'string' },
      budget: { type: 'string' },
      out: { type: 'string' },
      ops: { type: 'string' },
      gpu: { type: 'boolean', default: false },
      software: { type: 'boolean', default: false },
    },
  });
  if (values.gpu && values.software) throw new UsageError('Give --gpu or --software, not both.');
  const batch = positiveInt(values.batch, 'batch');
  const stepModels = values.steps === 'none' ? [] : modelList(values.steps, 'steps');
  const batches = stepBatches(values['step-batch'], stepModels, batch);
  return {
    models: modelList(values.model, 'model'),
    batch,
    reps: positiveInt(values.reps, 'reps'),
    rowSeconds: positiveSeconds(values['row-seconds'], 'row-seconds'),
    ownOnly: values['own-only'],
    steps: stepModels.map((model) => ({ model, batch: batches.get(model) ?? batch })),
    ...(values.budget === undefined
      ? {}
      : { budgetSeconds: positiveSeconds(values.budget, 'budget') }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.gpu
      ? { adapter: 'gpu' as const }
      : values.software
        ? { adapter: 'software' as const }
        : {}),
    ...(values.ops === undefined ? {} : { ops: values.ops.split(',').map((s) => s.trim()) }),
  };
}
