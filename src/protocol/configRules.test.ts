import { describe, expect, it } from 'vitest';
import {
  bufferLimitProblem,
  configProblems,
  largestBatchThatFits,
  parseConfigNumber,
} from './configRules';
import { largestBuffer } from './modelBuffers';
import { REFERENCE_CONFIG, type TrainConfig } from './training';

const MIB = 1024 * 1024;
const full = { train: 60000, test: 10000 };
const messages = (config: TrainConfig, context = {}) =>
  configProblems(config, context).map((p) => p.message);

describe('parseConfigNumber', () => {
  it('accepts plain digits and decimals within range', () => {
    expect(parseConfigNumber('learningRate', ' 0.01 ')).toEqual({ value: 0.01 });
    expect(parseConfigNumber('learningRate', '1e-3')).toEqual({ value: 0.001 });
    expect(parseConfigNumber('learningRate', '.5')).toEqual({ value: 0.5 });
    expect(parseConfigNumber('batchSize', '64')).toEqual({ value: 64 });
  });

  it.each(['0x2', '1e2', '2.0', '', ' ', '1_000', 'Infinity', '2 3', '0b11'])(
    'refuses the count "%s", naming the value',
    (raw) => {
      expect(parseConfigNumber('batchSize', raw)).toEqual({
        error: `Batch size must be a whole number in plain digits, got "${raw}".`,
      });
    },
  );

  it('refuses hex and words for the learning rate', () => {
    expect(parseConfigNumber('learningRate', '0x1')).toEqual({
      error: 'Learning rate must be a number such as 0.001 or 1e-3, got "0x1".',
    });
    expect(parseConfigNumber('learningRate', 'NaN')).toHaveProperty('error');
  });

  it('refuses values outside the range', () => {
    expect(parseConfigNumber('testImages', '10001')).toEqual({
      error: 'Test images must be between 1 and 10000, got 10001.',
    });
    expect(parseConfigNumber('epochs', '-1')).toEqual({
      error: 'Epochs must be between 1 and 100, got -1.',
    });
  });

  it('takes a dropout rate from 0 up to, but not including, 1', () => {
    expect(parseConfigNumber('dropout', '0')).toEqual({ value: 0 });
    expect(parseConfigNumber('dropout', '0.999')).toEqual({ value: 0.999 });
    expect(parseConfigNumber('dropout', '1')).toEqual({
      error: 'Dropout must be at least 0 and below 1, got 1.',
    });
    expect(parseConfigNumber('dropout', '-0.1')).toEqual({
      error: 'Dropout must be at least 0 and below 1, got -0.1.',
    });
  });
});

describe('configProblems', () => {
  it('accepts the reference config on the full dataset', () => {
    expect(configProblems(REFERENCE_CONFIG, { available: full })).toEqual([]);
  });

  it.each<[Partial<TrainConfig>, keyof TrainConfig, RegExp]>([
    [{ model: 'resnet' as TrainConfig['model'] }, 'model', /Unknown model "resnet"/],
    [{ epochs: 0 }, 'epochs', /Epochs must be between 1 and 100, got 0/],
    [{ batchSize: 2.5 }, 'batchSize', /Batch size must be a whole number, got 2.5/],
    [{ learningRate: -1 }, 'learningRate', /Learning rate/],
    [{ learningRate: NaN }, 'learningRate', /Learning rate must be a number/],
    [{ trainImages: 0 }, 'trainImages', /Training images/],
    [{ testImages: 10001 }, 'testImages', /Test images/],
    [{ seed: 0.5 }, 'seed', /Seed/],
    [{ flips: 'yes' as unknown as boolean }, 'flips', /flips must be true or false/],
    [{ shifts: 1 as unknown as boolean }, 'shifts', /shifts must be true or false/],
    [{ schedule: 'step' as TrainConfig['schedule'] }, 'schedule', /Unknown schedule "step"/],
    [{ preset: 'fast' as TrainConfig['preset'] }, 'preset', /Unknown preset "fast"/],
    [{ warmupShare: 1.5 }, 'warmupShare', /Warm-up share must be between 0 and 1/],
    [{ weightDecay: -0.1 }, 'weightDecay', /Weight decay must be between 0 and 1/],
    [{ labelSmoothing: 2 }, 'labelSmoothing', /Label smoothing must be between 0 and 1/],
    [{ dropout: 1 }, 'dropout', /Dropout must be at least 0 and below 1, got 1\./],
    [{ dropout: NaN }, 'dropout', /Dropout must be a number/],
  ])('refuses %o', (change, field, message) => {
    const problems = configProblems({ ...REFERENCE_CONFIG, ...change }, { available: full });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe(field);
    expect(problems[0]?.message).toMatch(message);
  });

  it('refuses a batch larger than the training images asked for, or loaded', () => {
    expect(messages({ ...REFERENCE_CONFIG, trainImages: 100 })).toEqual([
      'Batch size 128 is larger than the 100 training images: no full batch to train on. ' +
        'Use more images or a smaller batch.',
    ]);
    expect(messages(REFERENCE_CONFIG, { available: { train: 100, test: 10 } })).toEqual([
      expect.stringMatching(/^Batch size 128 is larger than the 100 training images/),
    ]);
  });

  it('refuses a batch too big for the GPU, on the batch field, once limits are known', () => {
    const limits = { maxBufferSize: 256 * MIB, maxStorageBufferBindingSize: 128 * MIB };
    expect(configProblems(REFERENCE_CONFIG, { limits })).toEqual([
      {
        field: 'batchSize',
        message:
          'alexnet at batch 128 needs a 143 MB buffer (conv1), but this GPU allows 134 MB per ' +
          'buffer: use a batch of 119 or less, or alexnet-mini.',
      },
    ]);
    expect(configProblems({ ...REFERENCE_CONFIG, batchSize: 119 }, { limits })).toEqual([]);
  });

  it('says when no data is loaded', () => {
    expect(messages(REFERENCE_CONFIG, { available: { train: 0, test: 0 } })).toContain(
      'The dataset has no images loaded.',
    );
  });
});

describe('buffer limits', () => {
  it("finds alexnet's conv1 output (143 MB at batch 128) and fc1's 105 MB weights at batch 1", () => {
    expect(largestBuffer('alexnet', 128)).toEqual({
      layer: 'conv1',
      bytes: 128 * 54 * 54 * 96 * 4,
    });
    expect(largestBuffer('alexnet', 1)).toEqual({ layer: 'fc1 weights', bytes: 6400 * 4096 * 4 });
  });

  it('names the largest batch that fits, which does fit while one more does not', () => {
    const limits = { maxBufferSize: 256 * MIB, maxStorageBufferBindingSize: 128 * MIB };
    const fits = largestBatchThatFits('alexnet', limits);
    expect(fits).toBe(119);
    expect(bufferLimitProblem('alexnet', fits, limits)).toBeNull();
    expect(bufferLimitProblem('alexnet', fits + 1, limits)).toMatch(/batch of 119 or less/);
  });

  it('passes configs within the limits', () => {
    const big = { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 };
    expect(bufferLimitProblem('alexnet', 128, big)).toBeNull();
    const small = { maxBufferSize: 128 * MIB, maxStorageBufferBindingSize: 128 * MIB };
    expect(bufferLimitProblem('alexnet-mini', 1024, small)).toBeNull();
  });

  it('suggests alexnet-mini alone when even one image is too big', () => {
    const limits = { maxBufferSize: 64 * MIB, maxStorageBufferBindingSize: 64 * MIB };
    expect(largestBatchThatFits('alexnet', limits)).toBe(0);
    expect(bufferLimitProblem('alexnet', 8, limits)).toMatch(
      /\(fc1 weights\).*: use alexnet-mini\.$/,
    );
  });
});
