import { describe, expect, it } from 'vitest';
import { applyPreset, PRESETS, REFERENCE_CONFIG } from '../protocol';
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
      '?model=alexnet-mini&preset=beat-the-reference&epochs=2&batch=64&train=512&test=256' +
        '&lr=0.005&schedule=cosine&warmup=0.25&wd=0.01&smoothing=0.1&dropout=0.2&seed=7&flips=1' +
        '&shifts=0',
    );
    expect(notes).toEqual([]);
    expect(fromUrl).toBe(true);
    expect(config).toEqual({
      model: 'alexnet-mini',
      preset: 'beat-the-reference',
      epochs: 2,
      batchSize: 64,
      trainImages: 512,
      testImages: 256,
      learningRate: 0.005,
      schedule: 'cosine',
      warmupShare: 0.25,
      weightDecay: 0.01,
      labelSmoothing: 0.1,
      dropout: 0.2,
      seed: 7,
      flips: true,
      shifts: false,
    });
  });

  it("applies a preset's recipe for the model, under any setting named beside it", () => {
    const { config } = parseTrainConfigParams('?model=alexnet-mini&preset=beat-the-reference');
    expect(config).toEqual({
      ...REFERENCE_CONFIG,
      ...PRESETS['alexnet-mini']['beat-the-reference'],
      model: 'alexnet-mini',
      preset: 'beat-the-reference',
    });
    const changed = parseTrainConfigParams('?preset=beat-the-reference&lr=0.002').config;
    expect(changed.learningRate).toBe(0.002);
    expect(changed.schedule).toBe(PRESETS.alexnet['beat-the-reference'].schedule);
    expect(parseTrainConfigParams('?preset=fastest').notes).toEqual([
      'preset "fastest" ignored: use reference or beat-the-reference.',
    ]);
  });

  it('takes the named choices whatever their case, as the kernels one', () => {
    const { config, notes, kernels } = parseTrainConfigParams(
      '?model=ALEXNET-MINI&preset=Beat-The-Reference&schedule=%20Cosine%20&kernels=STOCK',
    );
    expect(notes).toEqual([]);
    expect(config).toMatchObject({
      model: 'alexnet-mini',
      preset: 'beat-the-reference',
      schedule: 'cosine',
    });
    expect(kernels).toBe('stock');
  });

  it('ignores bad values with a note each, keeping the defaults for them', () => {
    const { config, notes } = parseTrainConfigParams(
      '?model=vgg&epochs=0&batch=12.5&train=70000&test=abc&lr=-1&seed=&augment=maybe&epochs_=3' +
        '&schedule=step&warmup=2&wd=-1&smoothing=x&flips=2&dropout=1',
    );
    expect(config).toEqual(REFERENCE_CONFIG);
    expect(notes).toHaveLength(15);
    expect(notes).toContain('Dropout must be at least 0 and below 1, got 1. Using 0.5.');
    expect(notes.join('\n')).toMatch(/schedule "step" ignored: use constant, cosine, one-cycle/);
    expect(notes.join('\n')).toMatch(/Warm-up share must be between 0 and 1, got 2\. Using 0.3/);
    expect(notes.join('\n')).toMatch(/flips "2" ignored/);
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

  it('takes the older augment switch as both flips and shifts, spelled as words too', () => {
    const on = parseTrainConfigParams('?augment=true').config;
    expect([on.flips, on.shifts]).toEqual([true, true]);
    const off = parseTrainConfigParams('?augment=off').config;
    expect([off.flips, off.shifts]).toEqual([false, false]);
    const flipsOnly = parseTrainConfigParams('?augment=1&shifts=0').config;
    expect([flipsOnly.flips, flipsOnly.shifts]).toEqual([true, false]);
  });
});

describe('trainConfigToSearch', () => {
  it('writes only what differs from the defaults, and reads back the same config', () => {
    expect(trainConfigToSearch(REFERENCE_CONFIG)).toBe('');
    const config = {
      ...REFERENCE_CONFIG,
      model: 'alexnet-mini' as const,
      epochs: 2,
      flips: true,
    };
    const search = trainConfigToSearch(config);
    expect(search).toBe('?model=alexnet-mini&epochs=2&flips=1');
    expect(parseTrainConfigParams(search).config).toEqual(config);
  });

  it('names a preset and only the settings that depart from it', () => {
    const config = {
      ...applyPreset({ ...REFERENCE_CONFIG, model: 'alexnet-mini' }, 'beat-the-reference'),
      weightDecay: 0.01,
      dropout: 0.1,
    };
    const search = trainConfigToSearch(config);
    expect(search).toBe('?model=alexnet-mini&preset=beat-the-reference&wd=0.01&dropout=0.1');
    expect(parseTrainConfigParams(search).config).toEqual(config);
  });
  it('names a parameter given twice, and uses the first', () => {
    const parsed = parseTrainConfigParams('?epochs=2&epochs=9');
    expect(parsed.config.epochs).toBe(2);
    expect(parsed.notes).toContain('URL parameter "epochs" is given 2 times: the first is used.');
  });
});
