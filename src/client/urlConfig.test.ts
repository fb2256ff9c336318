import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../protocol';
import { parseTrainConfigParams, trainConfigToSearch } from './urlConfig';

describe('parseTrainConfigParams', () => {
  it('uses the reference settings when the URL names none', () => {
    expect(parseTrainConfigParams('')).toEqual({
      config: REFERENCE_CONFIG,
      notes: [],
      fromUrl: false,
      kernels: 'own',
    });
  });

  it('takes kernels=stock, refuses other kernel modes with a note, and keeps it in the link', () => {
    const stock = parseTrainConfigParams('?kernels=stock&epochs=2');
    expect(stock.kernels).toBe('stock');
    expect(trainConfigToSearch(stock.config, REFERENCE_CONFIG, stock.kernels)).toBe(
      '?epochs=2&kernels=stock',
    );
    const bad = parseTrainConfigParams('?kernels=fast');
    expect(bad.kernels).toBe('own');
    expect(bad.notes).toEqual(['kernels "fast" ignored: use own or stock.']);
  });

  it('reads every setting from a full query string', () => {
    const { config, notes, fromUrl } = parseTrainConfigParams(
      '?model=alexnet-mini&epochs=2&batch=64&train=512&test=256&lr=0.005&seed=7&augment=1',
    );
    expect(notes).toEqual([]);
    expect(fromUrl).toBe(true);
    expect(config).toEqual({
      model: 'alexnet-mini',
      epochs: 2,
      batchSize: 64,
      trainImages: 512,
      testImages: 256,
      learningRate: 0.005,
      seed: 7,
      augment: true,
    });
  });

  it('ignores bad values with a note each, keeping the defaults for them', () => {
    const { config, notes } = parseTrainConfigParams(
      '?model=vgg&epochs=0&batch=12.5&train=70000&test=abc&lr=-1&seed=&augment=maybe&epochs_=3',
    );
    expect(config).toEqual(REFERENCE_CONFIG);
    expect(notes).toHaveLength(9);
    expect(notes).toContain('Unknown URL parameter "epochs_" ignored.');
    expect(notes.join('\n')).toMatch(/model "vgg" ignored/);
    expect(notes.join('\n')).toMatch(/Epochs must be between 1 and 100, got 0\. Using 5\./);
    expect(notes.join('\n')).toMatch(
      /Batch size must be a whole number in plain digits, got "12.5"/,
    );
    expect(notes.join('\n')).toMatch(/augment "maybe" ignored/);
  });

  it('keeps good values next to bad ones', () => {
    const { config, notes } = parseTrainConfigParams('?epochs=3&batch=oops');
    expect(config.epochs).toBe(3);
    expect(config.batchSize).toBe(REFERENCE_CONFIG.batchSize);
    expect(notes).toHaveLength(1);
  });

  it('lowers a batch larger than the training subset, saying so', () => {
    const { config, notes } = parseTrainConfigParams('?train=100');
    expect(config.batchSize).toBe(100);
    expect(notes[0]).toMatch(/lowered to 100/);
  });

  it('parses numbers strictly: hex, exponents and decimals are refused for counts', () => {
    const { config, notes } = parseTrainConfigParams('?batch=0x2&epochs=1e2&train=2.0&lr=1e-3');
    expect(config.batchSize).toBe(REFERENCE_CONFIG.batchSize);
    expect(config.epochs).toBe(REFERENCE_CONFIG.epochs);
    expect(config.trainImages).toBe(REFERENCE_CONFIG.trainImages);
    expect(config.learningRate).toBe(0.001);
    expect(notes).toEqual([
      'Epochs must be a whole number in plain digits, got "1e2". Using 5.',
      'Batch size must be a whole number in plain digits, got "0x2". Using 128.',
      'Training images must be a whole number in plain digits, got "2.0". Using 60000.',
    ]);
  });

  it('accepts augment spelled as words', () => {
    expect(parseTrainConfigParams('?augment=true').config.augment).toBe(true);
    expect(parseTrainConfigParams('?augment=off').config.augment).toBe(false);
  });
});

describe('trainConfigToSearch', () => {
  it('writes only what differs from the defaults, and reads back the same config', () => {
    expect(trainConfigToSearch(REFERENCE_CONFIG)).toBe('');
    const config = {
      ...REFERENCE_CONFIG,
      model: 'alexnet-mini' as const,
      epochs: 2,
      augment: true,
    };
    const search = trainConfigToSearch(config);
    expect(search).toBe('?model=alexnet-mini&epochs=2&augment=1');
    expect(parseTrainConfigParams(search).config).toEqual(config);
  });
  it('names a parameter given twice, and uses the first', () => {
    const parsed = parseTrainConfigParams('?epochs=2&epochs=9');
    expect(parsed.config.epochs).toBe(2);
    expect(parsed.notes).toContain('URL parameter "epochs" is given 2 times: the first is used.');
  });
});
