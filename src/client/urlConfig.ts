// Training settings from the page's URL (?model=alexnet-mini&preset=beat-the-reference&epochs=2
// &batch=64&train=512&test=256&lr=0.001&schedule=one-cycle&warmup=0.3&wd=0.01&smoothing=0.1
// &dropout=0&seed=1&flips=1&shifts=1), so a run can be shared as a link or scripted, plus the
// kernel choice (?kernels=stock runs tfjs's own WebGPU kernels instead of this project's). Bad
// values are dropped with a note the page shows, never thrown. The rules are those of
// src/protocol/configRules, which the form and the worker apply too; the GPU's buffer limits are
// not known yet here (the form checks them).
// A preset is applied first and any setting named beside it wins, as in `npm run train`; the older
// `augment=1` still turns on both flips and shifts.

import {
  applyPreset,
  configProblems,
  CONFIG_RULES,
  isLrSchedule,
  isModelName,
  isPresetName,
  KERNEL_MODES,
  LR_SCHEDULES,
  MODEL_NAMES,
  NUMERIC_FIELDS,
  parseConfigNumber,
  PRESET_NAMES,
  REFERENCE_CONFIG,
} from '../protocol';
import type { KernelMode, TrainConfig } from '../protocol';

const FLAGS = ['flips', 'shifts'] as const;

const KNOWN_PARAMS = new Set([
  'model',
  'preset',
  'schedule',
  ...FLAGS,
  'augment',
  'kernels',
  ...NUMERIC_FIELDS.map((f) => CONFIG_RULES[f].param),
]);

/** A named choice (model, preset, schedule, kernels) as typed: case and outer spaces do not count. */
const choice = (raw: string) => raw.trim().toLowerCase();

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
  let config: TrainConfig = { ...defaults };
  const notes: string[] = [];
  let fromUrl = false;

  for (const key of new Set(params.keys())) {
    if (!KNOWN_PARAMS.has(key)) notes.push(`Unknown URL parameter "${key}" ignored.`);
    else if (params.getAll(key).length > 1)
      notes.push(
        `URL parameter "${key}" is given ${params.getAll(key).length} times: the first is used.`,
      );
  }

  const model = params.get('model');
  if (model !== null) {
    const name = choice(model);
    if (isModelName(name)) {
      config.model = name;
      fromUrl = true;
    } else {
      notes.push(`model "${model}" ignored: use ${MODEL_NAMES.join(' or ')}.`);
    }
  }

  const preset = params.get('preset');
  if (preset !== null) {
    const name = choice(preset);
    if (isPresetName(name)) {
      config = applyPreset(config, name);
      fromUrl = true;
    } else {
      notes.push(`preset "${preset}" ignored: use ${PRESET_NAMES.join(' or ')}.`);
    }
  }
  const base = { ...config };

  for (const field of NUMERIC_FIELDS) {
    const raw = params.get(CONFIG_RULES[field].param);
    if (raw === null) continue;
    const parsed = parseConfigNumber(field, raw);
    if ('error' in parsed) {
      notes.push(`${parsed.error} Using ${base[field]}.`);
    } else {
      config[field] = parsed.value;
      fromUrl = true;
    }
  }

  const schedule = params.get('schedule');
  if (schedule !== null) {
    const name = choice(schedule);
    if (isLrSchedule(name)) {
      config.schedule = name;
      fromUrl = true;
    } else {
      notes.push(`schedule "${schedule}" ignored: use ${LR_SCHEDULES.join(', ')}.`);
    }
  }

  // `augment` first: a `flips` or `shifts` beside it says more precisely what is meant.
  for (const name of ['augment', ...FLAGS] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    const flag = parseFlag(raw);
    if (flag === null) notes.push(`${name} "${raw}" ignored: use 1 or 0.`);
    else {
      if (name === 'augment') [config.flips, config.shifts] = [flag, flag];
      else config[name] = flag;
      fromUrl = true;
    }
  }

  let kernels: KernelMode = 'own';
  const kernelParam = params.get('kernels');
  if (kernelParam !== null) {
    const mode = KERNEL_MODES.find((m) => m === choice(kernelParam));
    if (mode) kernels = mode;
    else notes.push(`kernels "${kernelParam}" ignored: use ${KERNEL_MODES.join(' or ')}.`);
  }

  // The one rule spanning two settings: an epoch needs at least one whole batch. Lowering the batch
  // keeps the link's intent (a quick run on few images) where dropping a value would not.
  if (configProblems(config).some((p) => p.field === 'batchSize')) {
    notes.push(
      `Batch size ${config.batchSize} is larger than the ${config.trainImages} training images: lowered to ${config.trainImages}.`,
    );
    config.batchSize = config.trainImages;
  }
  return { config, notes, fromUrl, kernels };
}

/** The query string for `config` and the kernel mode, naming only what differs from the defaults
 * with the config's preset applied ('' when nothing does). */
export function trainConfigToSearch(
  config: TrainConfig,
  defaults: TrainConfig = REFERENCE_CONFIG,
  kernels: KernelMode = 'own',
): string {
  const params = new URLSearchParams();
  if (config.model !== defaults.model) params.set('model', config.model);
  if (config.preset !== defaults.preset) params.set('preset', config.preset);
  const base = applyPreset({ ...defaults, model: config.model }, config.preset);
  for (const field of NUMERIC_FIELDS) {
    if (config[field] !== base[field]) params.set(CONFIG_RULES[field].param, String(config[field]));
  }
  if (config.schedule !== base.schedule) params.set('schedule', config.schedule);
  for (const flag of FLAGS) {
    if (config[flag] !== base[flag]) params.set(flag, config[flag] ? '1' : '0');
  }
  if (kernels !== 'own') params.set('kernels', kernels);
  const text = params.toString();
  return text ? `?${text}` : '';
}
