import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG, type TrainConfig } from '../protocol';
import { TrainConfigError, validateTrainConfig } from './trainConfig';

const full = { train: 60000, test: 10000 };

describe('validateTrainConfig', () => {
  it('accepts the reference config', () => {
    expect(() => validateTrainConfig(REFERENCE_CONFIG, full)).not.toThrow();
  });

  it.each<[Partial<TrainConfig>, RegExp]>([
    [{ model: 'resnet' as TrainConfig['model'] }, /Unknown model "resnet"/],
    [{ epochs: 0 }, /Epochs/],
    [{ batchSize: 2.5 }, /Batch size/],
    [{ learningRate: -1 }, /Learning rate/],
    [{ learningRate: NaN }, /Learning rate/],
    [{ trainImages: 0 }, /Training images/],
    [{ testImages: 0 }, /Test images/],
    [{ seed: 0.5 }, /Seed/],
  ])('rejects %o', (change, message) => {
    const config = { ...REFERENCE_CONFIG, ...change };
    expect(() => validateTrainConfig(config, full)).toThrow(TrainConfigError);
    expect(() => validateTrainConfig(config, full)).toThrow(message);
  });

  it('rejects a batch bigger than the images actually loaded', () => {
    expect(() => validateTrainConfig(REFERENCE_CONFIG, { train: 100, test: 10 })).toThrow(
      'Batch size 128 is larger than the 100 training images: no full batch to train on. ' +
        'Use more images or a smaller batch.',
    );
  });
});
