// `npm run train` options: parsed and checked before any data or tensor is touched, so a typo costs
// a clear message and exit code 2, not a minute of shader compilation. The numbers are held to the
// ranges the page and the worker use (CONFIG_RULES), so nothing that parses is refused later.

import { parseArgs } from 'node:util';
import {
  applyPreset,
  CONFIG_RULES,
  KERNEL_MODES,
  MODEL_NAMES,
  numberProblem,
  REFERENCE_CONFIG,
  type KernelMode,
  type ModelName,
  type NumericConfigField,
  type TrainConfig,
} from '../../src/protocol';
import {
  presetOption,
  RECIPE_OPTIONS,
  RECIPE_USAGE,
  RecipeOptionError,
  withRecipeOptions,
} from './recipeOptions';

export type TrainBackend = 'webgpu' | 'cpu';
export const TRAIN_BACKENDS: readonly TrainBackend[] = ['webgpu', 'cpu'];

export const MAX_TRAIN_IMAGES = CONFIG_RULES.trainImages.max;
export const MAX_TEST_IMAGES = CONFIG_RULES.testImages.max;

export interface TrainOptions {
  config: TrainConfig;
  backend: TrainBackend;
  kernels: KernelMode;
  /** Folder with the shards (manifest.json) or the four official IDX files (.gz or not). */
  dataDir?: string;
  /** JSON report, rewritten after every epoch. */
  out?: string;
  /** Stop at the first loss read after this many steps (the step benchmark). */
  maxSteps?: number;
  /** Stop before the next step once this many seconds have passed since the start. */
  budgetSeconds?: number;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'train'; options: TrainOptions };

export class OptionError extends Error {
  override name = 'OptionError';
}

export const USAGE = `Usage: npm run train -- [options]
  --model NAME      ${MODEL_NAMES.join(' | ')} (default ${REFERENCE_CONFIG.model})
  --epochs N        (default ${REFERENCE_CONFIG.epochs})
  --batch N         batch size (default ${REFERENCE_CONFIG.batchSize})
  --lr X            Adam's (peak) learning rate (default ${REFERENCE_CONFIG.learningRate})
  --train N         training images, the first N of ${MAX_TRAIN_IMAGES} (default ${REFERENCE_CONFIG.trainImages})
  --test N          test images, the first N of ${MAX_TEST_IMAGES} (default ${REFERENCE_CONFIG.testImages})
  --seed N          seeds weights, shuffling and dropout (default ${REFERENCE_CONFIG.seed})
${RECIPE_USAGE}
  --backend NAME    ${TRAIN_BACKENDS.join(' | ')} (default webgpu: the GPU, else SwiftShader)
  --kernels MODE    ${KERNEL_MODES.join(' | ')}: this project's kernels or tfjs's (default own)
  --data DIR        the shards (manifest.json) or the four official IDX files, .gz or not
                    (default: public/data/fashion-mnist, then $FASHION_MNIST_DIR, Debian's copy)
  --out FILE.json   config, adapter, per-epoch metrics, speed and memory, rewritten every epoch
  --max-steps N     stop at the first loss read after N steps (step benchmark)
  --budget SECONDS  stop before the next step once SECONDS have passed
  -h, --help        this text
Ctrl-C stops after the current step and still writes --out; a second Ctrl-C quits at once.`;

const OPTIONS = {
  model: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  train: { type: 'string' },
  test: { type: 'string' },
  seed: { type: 'string' },
  ...RECIPE_OPTIONS,
  backend: { type: 'string' },
  kernels: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  'max-steps': { type: 'string' },
  budget: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(value: string, option: string, min: number, max = Infinity): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new OptionError(`--${option} must be a whole number ${range}, got "${value}".`);
  }
  return n;
}

/** `--option`'s value for the setting `field`, checked by the page's and worker's numberProblem. */
function setting(value: string, option: string, field: NumericConfigField): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (numberProblem(field, n) !== null) {
    const { min, max, integer } = CONFIG_RULES[field];
    const kind = integer ? 'a whole number' : 'a number';
    throw new OptionError(`--${option} must be ${kind} from ${min} to ${max}, got "${value}".`);
  }
  return n;
}

function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new OptionError(`--${option} must be a number above 0, got "${value}".`);
  }
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new OptionError(`--${option} must be one of ${allowed.join(', ')}, got "${value}".`);
  }
  return value as T;
}

/** Node's parseArgs messages name the option; keep them, drop its internal error code. */
function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new OptionError(message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** The recipe options' own errors, as this parser's. */
function recipe<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RecipeOptionError) throw new OptionError(error.message);
    throw error;
  }
}

/** Parses `npm run train` arguments (without node and the script); throws an OptionError. */
export function parseTrainOptions(argv: readonly string[]): ParsedCommand {
  const { values: v } = parse(argv);
  if (v.help) return { kind: 'help' };
  const model =
    v.model === undefined
      ? REFERENCE_CONFIG.model
      : oneOf<ModelName>(v.model, MODEL_NAMES, 'model');
  const base = applyPreset(
    { ...REFERENCE_CONFIG, model },
    recipe(() => presetOption(v)),
  );
  const config: TrainConfig = {
    ...recipe(() => withRecipeOptions(base, v)),
    epochs: v.epochs === undefined ? base.epochs : setting(v.epochs, 'epochs', 'epochs'),
    batchSize: v.batch === undefined ? base.batchSize : setting(v.batch, 'batch', 'batchSize'),
    learningRate: v.lr === undefined ? base.learningRate : setting(v.lr, 'lr', 'learningRate'),
    trainImages:
      v.train === undefined ? base.trainImages : setting(v.train, 'train', 'trainImages'),
    testImages: v.test === undefined ? base.testImages : setting(v.test, 'test', 'testImages'),
    seed: v.seed === undefined ? base.seed : setting(v.seed, 'seed', 'seed'),
  };
  if (config.batchSize > config.trainImages) {
    throw new OptionError(
      `--batch ${config.batchSize} is larger than --train ${config.trainImages}: ` +
        'no full batch to train on.',
    );
  }
  const options: TrainOptions = {
    config,
    backend: v.backend === undefined ? 'webgpu' : oneOf(v.backend, TRAIN_BACKENDS, 'backend'),
    kernels: v.kernels === undefined ? 'own' : oneOf(v.kernels, KERNEL_MODES, 'kernels'),
  };
  if (v.data !== undefined) options.dataDir = v.data;
  if (v.out !== undefined) {
    if (!v.out.endsWith('.json'))
      throw new OptionError(`--out must name a .json file, got "${v.out}".`);
    options.out = v.out;
  }
  if (v['max-steps'] !== undefined) options.maxSteps = wholeNumber(v['max-steps'], 'max-steps', 1);
  if (v.budget !== undefined) options.budgetSeconds = positiveNumber(v.budget, 'budget');
  return { kind: 'train', options };
}
