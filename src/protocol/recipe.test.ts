import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  PRESETS,
  presetChanges,
  recipeSummary,
  stepScalars,
  withRecipeDefaults,
} from './recipe';
import { REFERENCE_CONFIG, type TrainConfig } from './training';

const MINI = applyPreset({ ...REFERENCE_CONFIG, model: 'alexnet-mini' }, 'beat-the-reference');

describe('presets', () => {
  it('the reference preset is the reference config: D2L, constant Adam 0.001', () => {
    expect(applyPreset(REFERENCE_CONFIG, 'reference')).toEqual(REFERENCE_CONFIG);
    expect(presetChanges(REFERENCE_CONFIG)).toEqual([]);
    expect(recipeSummary(REFERENCE_CONFIG)).toBe('Adam 0.001');
  });

  it('names the settings that depart from the preset in force, and only those', () => {
    expect(MINI.preset).toBe('beat-the-reference');
    expect(presetChanges(MINI)).toEqual([]);
    // Data sizes and seed are not part of a preset.
    expect(presetChanges({ ...MINI, trainImages: 1000, seed: 3 })).toEqual([]);
    expect(presetChanges({ ...MINI, learningRate: 0.002, shifts: true })).toEqual([
      'learningRate',
      'shifts',
    ]);
    expect(presetChanges({ ...MINI, preset: 'reference' })).toEqual([
      'learningRate',
      'schedule',
      'dropout',
    ]);
  });

  it('gives the fused Adam kernel the step learning rate and the decay', () => {
    const config = { ...MINI, weightDecay: 0.01 };
    const warmupEnd = 0.3 * 100 - 1;
    expect(stepScalars(config, warmupEnd, 100)).toEqual({ learningRate: 0.003, weightDecay: 0.01 });
    expect(PRESETS['alexnet-mini']['beat-the-reference'].learningRate).toBe(0.003);
  });

  it('drops dropout for alexnet-mini only: alexnet keeps the 0.5 of its 4096-unit layers', () => {
    expect(PRESETS['alexnet-mini']['beat-the-reference'].dropout).toBe(0);
    expect(PRESETS.alexnet['beat-the-reference']).toEqual({
      ...PRESETS['alexnet-mini']['beat-the-reference'],
      dropout: 0.5,
    });
  });

  it('says the recipe in a few words', () => {
    expect(
      recipeSummary({ ...MINI, weightDecay: 0.01, labelSmoothing: 0.1, flips: true, shifts: true }),
    ).toBe(
      'AdamW one-cycle to 0.003 (warm-up 0.3), wd 0.01, smoothing 0.1, flips, shifts, dropout 0',
    );
    expect(recipeSummary({ ...MINI, schedule: 'cosine', dropout: 0.5 })).toBe(
      'Adam cosine from 0.003',
    );
    expect(recipeSummary({ ...REFERENCE_CONFIG, dropout: 0 })).toBe('Adam 0.001, dropout 0');
  });
});

describe('withRecipeDefaults', () => {
  it('reads a config stored before the recipe settings as the reference recipe', () => {
    const {
      schedule,
      warmupShare,
      weightDecay,
      labelSmoothing,
      flips,
      shifts,
      dropout,
      preset,
      ...older
    } = REFERENCE_CONFIG;
    expect([schedule, weightDecay, labelSmoothing, flips, shifts, dropout, preset]).toEqual([
      'constant',
      0,
      0,
      false,
      false,
      0.5,
      'reference',
    ]);
    expect(warmupShare).toBe(0.3);
    const stored = { ...older, augment: true } as unknown as TrainConfig;
    expect(withRecipeDefaults(stored)).toEqual({ ...REFERENCE_CONFIG, flips: true, shifts: true });
  });

  it('reads a config stored before the dropout setting as dropout 0.5, which it trained with', () => {
    const { dropout, ...older } = { ...MINI, dropout: 0 };
    expect(dropout).toBe(0);
    expect(withRecipeDefaults(older as TrainConfig)).toEqual({ ...MINI, dropout: 0.5 });
    expect(withRecipeDefaults({ ...MINI, dropout: 0 })).toEqual({ ...MINI, dropout: 0 });
  });

  it('leaves a current config as it is', () => {
    expect(withRecipeDefaults(MINI)).toEqual(MINI);
  });
});
