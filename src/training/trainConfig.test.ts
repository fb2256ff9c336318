import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../protocol';
import { TrainConfigError, validateTrainConfig } from './trainConfig';

const full = { train: 60000, test: 10000 };

// The rules themselves are tested in src/protocol/configRules.test.ts.
describe('validateTrainConfig', () => {
  it('accepts the reference config', () => {
    expect(() => validateTrainConfig(REFERENCE_CONFIG, full)).not.toThrow();
  });

  it('throws the first broken rule as a TrainConfigError', () => {
    const config = { ...REFERENCE_CONFIG, epochs: 0, batchSize: 0 };
    expect(() => validateTrainConfig(config, full)).toThrow(
      new TrainConfigError('Epochs must be between 1 and 100, got 0.'),
    );
  });

  it('checks the GPU limits when given', () => {
    const limits = { maxBufferSize: 2 ** 27, maxStorageBufferBindingSize: 2 ** 27 };
    expect(() => validateTrainConfig(REFERENCE_CONFIG, full, limits)).toThrow(/batch of 119/);
  });
});
