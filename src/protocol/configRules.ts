// The one set of rules a TrainConfig must meet, shared by the form (src/ui/training/TrainingControls), the
// URL parser (src/client/urlConfig) and the worker (src/training/trainConfig, TrainingSession), so
// the page and the worker accept exactly the same configs. Pure: no tfjs, no DOM.

import type { AdapterLimits } from './backend';
import { largestBuffer, MODEL_BUFFERS } from './modelBuffers';
import { isPresetName, PRESET_NAMES } from './recipe';
import { isLrSchedule, LR_SCHEDULES } from './schedule';
import { MODEL_NAMES, type ModelName, type TrainConfig } from './training';

export type NumericConfigField =
  | 'epochs'
  | 'batchSize'
  | 'learningRate'
  | 'warmupShare'
  | 'weightDecay'
  | 'labelSmoothing'
  | 'dropout'
  | 'trainImages'
  | 'testImages'
  | 'seed';

export interface NumericRule {
  /** The name of the setting in the page's URL. */
  param: string;
  label: string;
  min: number;
  max: number;
  /** True when `max` itself is not allowed, only values below it. */
  belowMax?: boolean;
  integer: boolean;
}

/** The range each numeric setting may take. */
export const CONFIG_RULES: Readonly<Record<NumericConfigField, NumericRule>> = {
  epochs: { param: 'epochs', label: 'Epochs', min: 1, max: 100, integer: true },
  batchSize: { param: 'batch', label: 'Batch size', min: 1, max: 1024, integer: true },
  learningRate: { param: 'lr', label: 'Learning rate', min: 1e-6, max: 1, integer: false },
  // 0 and 1 are both well defined: all fall, or all rise.
  warmupShare: { param: 'warmup', label: 'Warm-up share', min: 0, max: 1, integer: false },
  // At most 1, so that with a learning rate of at most 1 the decay never flips a weight's sign.
  weightDecay: { param: 'wd', label: 'Weight decay', min: 0, max: 1, integer: false },
  labelSmoothing: { param: 'smoothing', label: 'Label smoothing', min: 0, max: 1, integer: false },
  // A rate of 1 would drop every unit and scale the rest by 1 / (1 - rate): infinite.
  dropout: { param: 'dropout', label: 'Dropout', min: 0, max: 1, belowMax: true, integer: false },
  trainImages: { param: 'train', label: 'Training images', min: 1, max: 60000, integer: true },
  testImages: { param: 'test', label: 'Test images', min: 1, max: 10000, integer: true },
  seed: { param: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, integer: true },
};

/** The numeric settings, in the order the form shows them. */
export const NUMERIC_FIELDS: readonly NumericConfigField[] = [
  'epochs',
  'batchSize',
  'learningRate',
  'warmupShare',
  'weightDecay',
  'labelSmoothing',
  'dropout',
  'trainImages',
  'testImages',
  'seed',
];

export function isModelName(value: unknown): value is ModelName {
  return (MODEL_NAMES as readonly unknown[]).includes(value);
}

// Plain decimal digits only: Number() would also take "0x2", "1e2", "2.0", "" and " ", which a count
// typed by a person never means.
const WHOLE_NUMBER = /^[+-]?\d+$/;
// A decimal with an optional exponent ("0.001", ".5", "1e-3"), never hex, "Infinity" or "".
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function rangeProblem(rule: NumericRule, value: number): string | null {
  const above = rule.belowMax ? value >= rule.max : value > rule.max;
  if (value < rule.min || above) {
    const range = rule.belowMax
      ? `at least ${rule.min} and below ${rule.max}`
      : `between ${rule.min} and ${rule.max}`;
    return `${rule.label} must be ${range}, got ${value}.`;
  }
  return null;
}

/** Parses one setting typed by a person or taken from the URL, strictly; an error names the value. */
export function parseConfigNumber(
  field: NumericConfigField,
  raw: string,
): { value: number } | { error: string } {
  const rule = CONFIG_RULES[field];
  const text = raw.trim();
  const pattern = rule.integer ? WHOLE_NUMBER : DECIMAL_NUMBER;
  if (!pattern.test(text)) {
    const kind = rule.integer ? 'a whole number in plain digits' : 'a number such as 0.001 or 1e-3';
    return { error: `${rule.label} must be ${kind}, got "${raw}".` };
  }
  const value = Number(text);
  const range = rangeProblem(rule, value);
  return range ? { error: range } : { value };
}

/** Why a setting that is already a number (as the worker receives it) is not allowed, or null. */
export function numberProblem(field: NumericConfigField, value: unknown): string | null {
  const rule = CONFIG_RULES[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${rule.label} must be a number, got ${String(value)}.`;
  }
  if (rule.integer && !Number.isInteger(value)) {
    return `${rule.label} must be a whole number, got ${value}.`;
  }
  return rangeProblem(rule, value);
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

type BufferLimits = Pick<AdapterLimits, 'maxBufferSize' | 'maxStorageBufferBindingSize'>;

/** The largest batch whose buffers fit `limits`; 0 when even one image does not. */
export function largestBatchThatFits(model: ModelName, limits: BufferLimits): number {
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (largestBuffer(model, 1).bytes > limit) return 0;
  const perImage = MODEL_BUFFERS[model].perImage.bytes;
  return Math.min(CONFIG_RULES.batchSize.max, Math.floor(limit / perImage));
}

/**
 * Why `model` at `batchSize` cannot run within the GPU's per-buffer `limits`, naming the largest batch
 * that would; null when it fits. Past these limits tfjs does not throw: buffer creation fails on the
 * GPU side and the step silently computes garbage, so configs are checked before training.
 */
export function bufferLimitProblem(
  model: ModelName,
  batchSize: number,
  limits: BufferLimits,
): string | null {
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  const largest = largestBuffer(model, batchSize);
  if (largest.bytes <= limit) return null;
  const fits = largestBatchThatFits(model, limits);
  const other = model === 'alexnet' ? 'alexnet-mini' : null;
  const advice =
    fits > 0
      ? `use a batch of ${fits} or less${other ? `, or ${other}` : ''}`
      : other
        ? `use ${other}`
        : 'this GPU cannot train it';
  return (
    `${model} at batch ${batchSize} needs a ${mb(largest.bytes)} buffer (${largest.layer}), ` +
    `but this GPU allows ${mb(limit)} per buffer: ${advice}.`
  );
}

/** What the config is checked against, where known: the images loaded, the GPU's limits. */
export interface ConfigContext {
  /** Images the worker holds per split; a config asking for more uses all of them. */
  available?: { train: number; test: number } | null;
  /** The WebGPU adapter's limits (from `ready`); absent on WebGL and the CPU. */
  limits?: BufferLimits | null;
}

export interface ConfigProblem {
  /** The setting to point at; null for a problem with no single setting (no data loaded). */
  field: keyof TrainConfig | null;
  message: string;
}

/** Every rule `config` breaks, in the form's order; empty when the worker will accept it. */
export function configProblems(config: TrainConfig, context: ConfigContext = {}): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const modelOk = isModelName(config.model);
  if (!modelOk) {
    problems.push({
      field: 'model',
      message: `Unknown model "${String(config.model)}": choose ${MODEL_NAMES.join(' or ')}.`,
    });
  }
  const bad = new Set<NumericConfigField>();
  for (const field of NUMERIC_FIELDS) {
    const message = numberProblem(field, config[field]);
    if (message) {
      bad.add(field);
      problems.push({ field, message });
    }
  }
  if (!isLrSchedule(config.schedule)) {
    problems.push({
      field: 'schedule',
      message: `Unknown schedule "${String(config.schedule)}": choose ${LR_SCHEDULES.join(', ')}.`,
    });
  }
  for (const field of ['flips', 'shifts'] as const) {
    if (typeof config[field] !== 'boolean') {
      problems.push({ field, message: `${field} must be true or false.` });
    }
  }
  if (!isPresetName(config.preset)) {
    problems.push({
      field: 'preset',
      message: `Unknown preset "${String(config.preset)}": choose ${PRESET_NAMES.join(' or ')}.`,
    });
  }
  const { available, limits } = context;
  if (available && (available.train < 1 || available.test < 1)) {
    problems.push({ field: null, message: 'The dataset has no images loaded.' });
  }
  if (!bad.has('batchSize') && !bad.has('trainImages')) {
    // An epoch is whole batches only (the ragged tail is dropped): it needs at least one.
    const trainImages = Math.min(config.trainImages, available?.train ?? Infinity);
    if (config.batchSize > trainImages) {
      problems.push({
        field: 'batchSize',
        message:
          `Batch size ${config.batchSize} is larger than the ${trainImages} training images: ` +
          'no full batch to train on. Use more images or a smaller batch.',
      });
    } else if (modelOk && limits) {
      const message = bufferLimitProblem(config.model, config.batchSize, limits);
      if (message) problems.push({ field: 'batchSize', message });
    }
  }
  return problems;
}
