// Training settings from the page's URL (?model=alexnet-mini&epochs=2&batch=64&train=512&test=256
// &lr=0.001&seed=1&augment=1), so a run can be shared as a link or scripted, plus the kernel choice
// (?kernels=stock runs tfjs's own WebGPU kernels instead of this project's). Bad values are dropped
// with a note the page shows, never thrown. The rules are those of src/protocol/configRules, which
// the form and the worker apply too; the GPU's buffer limits are not known yet here (the form checks them).

import {
  configProblems,
  CONFIG_RULES,
  isModelName,
  KERNEL_MODES,
  MODEL_NAMES,
  NUMERIC_FIELDS,
  parseConfigNumber,
  REFERENCE_CONFIG,
} from '../protocol';
import type { KernelMode, TrainConfig } from '../protocol';

const KNOWN_PARAMS = new Set([
  'model',
  'augment',
  'kernels',
  ...NUMERIC_FIELDS.map((f) => CONFIG_RULES[f].param),
]);

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
    else if (params.getAll(key).length > 1)
      notes.push(
        `URL parameter "${key}" is given ${params.getAll(key).length} times: the first is used.`,
      );
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
