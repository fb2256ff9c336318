// The recipe part of `npm run train`'s options: a preset, then any setting named on the command line
// over it (as `?preset=` and the other parameters do in the page's URL), checked by the same rules.

import {
  LR_SCHEDULES,
  numberProblem,
  PRESET_NAMES,
  type LrSchedule,
  type NumericConfigField,
  type PresetName,
  type TrainConfig,
} from '../../src/protocol';

export class RecipeOptionError extends Error {
  override name = 'RecipeOptionError';
}

export const RECIPE_OPTIONS = {
  preset: { type: 'string' },
  schedule: { type: 'string' },
  warmup: { type: 'string' },
  wd: { type: 'string' },
  smoothing: { type: 'string' },
  dropout: { type: 'string' },
  flips: { type: 'boolean' },
  shifts: { type: 'boolean' },
  augment: { type: 'boolean' },
} as const;

export const RECIPE_USAGE = `  --preset NAME     ${PRESET_NAMES.join(' | ')}: epochs, batch, learning rate and
                    the settings below at once; options named as well win (default reference)
  --schedule NAME   learning rate per step: ${LR_SCHEDULES.join(' | ')} (--lr is the peak)
  --warmup X        one-cycle: share of the steps rising to the peak, 0 to 1 (default 0.3)
  --wd X            AdamW's decoupled weight decay, 0 to 1 (default 0)
  --smoothing X     label smoothing, 0 to 1 (default 0)
  --dropout X       the dense layers' dropout rate in training, 0 to below 1 (default 0.5)
  --flips           random horizontal flips
  --shifts          random shifts of up to 2 pixels
  --augment         both flips and shifts`;

export interface RecipeValues {
  preset?: string;
  schedule?: string;
  warmup?: string;
  wd?: string;
  smoothing?: string;
  dropout?: string;
  flips?: boolean;
  shifts?: boolean;
  augment?: boolean;
}

function pick<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RecipeOptionError(
      `--${option} must be one of ${allowed.join(', ')}, got "${value}".`,
    );
  }
  return value as T;
}

export function presetOption(values: RecipeValues): PresetName {
  return values.preset === undefined ? 'reference' : pick(values.preset, PRESET_NAMES, 'preset');
}

function fraction(
  raw: string | undefined,
  field: NumericConfigField,
  option: string,
  base: number,
) {
  if (raw === undefined) return base;
  const value = raw.trim() === '' ? NaN : Number(raw);
  const problem = numberProblem(field, value);
  if (problem)
    throw new RecipeOptionError(`--${option}: ${problem.replace(/got .*$/, `got "${raw}".`)}`);
  return value;
}

/** `base` (the preset's config) with the recipe options given on the command line put in. */
export function withRecipeOptions(base: TrainConfig, values: RecipeValues): TrainConfig {
  return {
    ...base,
    schedule:
      values.schedule === undefined
        ? base.schedule
        : pick<LrSchedule>(values.schedule, LR_SCHEDULES, 'schedule'),
    warmupShare: fraction(values.warmup, 'warmupShare', 'warmup', base.warmupShare),
    weightDecay: fraction(values.wd, 'weightDecay', 'wd', base.weightDecay),
    labelSmoothing: fraction(values.smoothing, 'labelSmoothing', 'smoothing', base.labelSmoothing),
    dropout: fraction(values.dropout, 'dropout', 'dropout', base.dropout),
    flips: values.flips ?? values.augment ?? base.flips,
    shifts: values.shifts ?? values.augment ?? base.shifts,
  };
}
