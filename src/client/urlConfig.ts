// Training settings from the page's URL (?model=alexnet-mini&epochs=2&batch=64&train=512&test=256
// &lr=0.001&seed=1&augment=1), so a run can be shared as a link or scripted, plus the kernel choice
// (?kernels=stock runs tfjs's own WebGPU kernels instead of this project's). Bad values are dropped
// with a note the page shows, never thrown.

import { KERNEL_MODES, MODEL_NAMES, REFERENCE_CONFIG } from '../protocol';
import type { KernelMode, ModelName, TrainConfig } from '../protocol';

export type NumericConfigField =
  'epochs' | 'batchSize' | 'learningRate' | 'trainImages' | 'testImages' | 'seed';

interface NumericRule {
  param: string;
  label: string;
  min: number;
  max: number;
  integer: boolean;
}

/** The range each numeric setting may take; the form uses the same rules. */
export const CONFIG_RULES: Readonly<Record<NumericConfigField, NumericRule>> = {
  epochs: { param: 'epochs', label: 'Epochs', min: 1, max: 100, integer: true },
  batchSize: { param: 'batch', label: 'Batch size', min: 1, max: 1024, integer: true },
  learningRate: { param: 'lr', label: 'Learning rate', min: 1e-6, max: 1, integer: false },
  trainImages: { param: 'train', label: 'Training images', min: 1, max: 60000, integer: true },
  testImages: { param: 'test', label: 'Test images', min: 1, max: 10000, integer: true },
  seed: { param: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, integer: true },
};

/** The numeric settings, in the order the form shows them. */
export const NUMERIC_FIELDS: readonly NumericConfigField[] = [
  'epochs',
  'batchSize',
  'learningRate',
  'trainImages',
  'testImages',
  'seed',
];
const KNOWN_PARAMS = new Set([
  'model',
  'augment',
  'kernels',
  ...NUMERIC_FIELDS.map((f) => CONFIG_RULES[f].param),
]);

/** Parses one numeric setting; returns an error sentence instead of a number when it is not valid. */
export function parseConfigNumber(
  field: NumericConfigField,
  raw: string,
): { value: number } | { error: string } {
  const rule = CONFIG_RULES[field];
  const text = raw.trim();
  const value = text === '' ? NaN : Number(text);
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    return { error: `${rule.label} must be ${kind}, got "${raw}".` };
  }
  if (value < rule.min || value > rule.max) {
    return { error: `${rule.label} must be between ${rule.min} and ${rule.max}, got ${value}.` };
  }
  return { value };
}

export function isModelName(value: string): value is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(value);
}

function parseFlag(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return true;
  if (v === '0' || v === 'false' || v === 'no' || v === 'off') return false;
  return null;
}

export interface ParsedUrlConfig {
  config: TrainConfig;
  /** One sentence per ignored or adjusted parameter, for the page to show. */
  notes: string[];
  /** True when at least one parameter was taken from the URL. */
  fromUrl: boolean;
  /** Which kernels the worker should install: 'own' unless the URL says `kernels=stock`. */
  kernels: KernelMode;
}

export function parseTrainConfigParams(
  search: string,
  defaults: TrainConfig = REFERENCE_CONFIG,
): ParsedUrlConfig {
  const params = new URLSearchParams(search);
  const config: TrainConfig = { ...defaults };
  const notes: string[] = [];
  let fromUrl = false;

  for (const key of new Set(params.keys())) {
    if (!KNOWN_PARAMS.has(key)) notes.push(`Unknown URL parameter "${key}" ignored.`);
  }

  const model = params.get('model');
  if (model !== null) {
    if (isModelName(model)) {
      config.model = model;
      fromUrl = true;
    } else {
      notes.push(`model "${model}" ignored: use ${MODEL_NAMES.join(' or ')}.`);
    }
  }

  for (const field of NUMERIC_FIELDS) {
    const raw = params.get(CONFIG_RULES[field].param);
    if (raw === null) continue;
    const parsed = parseConfigNumber(field, raw);
    if ('error' in parsed) {
      notes.push(`${parsed.error} Using ${defaults[field]}.`);
    } else {
      config[field] = parsed.value;
      fromUrl = true;
    }
  }

  const augment = params.get('augment');
  if (augment !== null) {
    const flag = parseFlag(augment);
    if (flag === null) notes.push(`augment "${augment}" ignored: use 1 or 0.`);
    else {
      config.augment = flag;
      fromUrl = true;
    }
  }

  let kernels: KernelMode = 'own';
  const kernelParam = params.get('kernels');
  if (kernelParam !== null) {
    const mode = KERNEL_MODES.find((m) => m === kernelParam.trim().toLowerCase());
    if (mode) kernels = mode;
    else notes.push(`kernels "${kernelParam}" ignored: use ${KERNEL_MODES.join(' or ')}.`);
  }

  // An epoch needs at least one whole batch: the worker drops the ragged tail.
  if (config.batchSize > config.trainImages) {
    notes.push(
      `Batch size ${config.batchSize} is larger than the ${config.trainImages} training images: lowered to ${config.trainImages}.`,
    );
    config.batchSize = config.trainImages;
  }
  return { config, notes, fromUrl, kernels };
}

/** The query string for `config` and the kernel mode, naming only what differs from the defaults
 * ('' when nothing does). */
export function trainConfigToSearch(
  config: TrainConfig,
  defaults: TrainConfig = REFERENCE_CONFIG,
  kernels: KernelMode = 'own',
): string {
  const params = new URLSearchParams();
  if (config.model !== defaults.model) params.set('model', config.model);
  for (const field of NUMERIC_FIELDS) {
    if (config[field] !== defaults[field])
      params.set(CONFIG_RULES[field].param, String(config[field]));
  }
  if (config.augment !== defaults.augment) params.set('augment', config.augment ? '1' : '0');
  if (kernels !== 'own') params.set('kernels', kernels);
  const text = params.toString();
  return text ? `?${text}` : '';
}
