import { describe, expect, it } from 'vitest';
import { configProblems, PRESETS, REFERENCE_CONFIG } from '../../src/protocol';
import { OptionError, parseTrainOptions } from './options';

function train(...argv: string[]) {
  const command = parseTrainOptions(argv);
  if (command.kind !== 'train') throw new Error('expected a train command');
  return command.options;
}

describe('parseTrainOptions', () => {
  it('defaults to the reference run on WebGPU with own kernels', () => {
    expect(train()).toEqual({ config: REFERENCE_CONFIG, backend: 'webgpu', kernels: 'own' });
  });

  it('reads every option', () => {
    const options = train(
      ...['--model', 'alexnet-mini', '--epochs', '2', '--batch', '64', '--lr', '0.0005'],
      ...['--train', '1000', '--test', '500', '--seed', '7', '--augment', '--backend', 'cpu'],
      ...['--kernels', 'stock', '--data', '/d', '--out', 'r.json', '--max-steps', '9'],
      ...['--budget', '12.5', '--preset', 'beat-the-reference', '--schedule', 'cosine'],
      ...['--warmup', '0.2', '--wd', '0.01', '--smoothing', '0.1', '--dropout', '0.25'],
    );
    expect(options).toEqual({
      config: {
        model: 'alexnet-mini',
        preset: 'beat-the-reference',
        epochs: 2,
        batchSize: 64,
        learningRate: 0.0005,
        schedule: 'cosine',
        warmupShare: 0.2,
        weightDecay: 0.01,
        labelSmoothing: 0.1,
        dropout: 0.25,
        trainImages: 1000,
        testImages: 500,
        seed: 7,
        flips: true,
        shifts: true,
      },
      backend: 'cpu',
      kernels: 'stock',
      dataDir: '/d',
      out: 'r.json',
      maxSteps: 9,
      budgetSeconds: 12.5,
    });
  });

  it("takes a preset's recipe for the model, under the options named beside it", () => {
    const preset = train('--model', 'alexnet-mini', '--preset', 'beat-the-reference').config;
    expect(preset).toEqual({
      ...REFERENCE_CONFIG,
      ...PRESETS['alexnet-mini']['beat-the-reference'],
      model: 'alexnet-mini',
      preset: 'beat-the-reference',
    });
    expect(train('--preset', 'beat-the-reference', '--lr', '0.002').config.learningRate).toBe(
      0.002,
    );
    expect(train('--preset', 'beat-the-reference', '--dropout', '0.5').config.dropout).toBe(0.5);
    expect(train('--dropout', '0').config).toEqual({ ...REFERENCE_CONFIG, dropout: 0 });
    const augmented = train('--augment').config;
    expect([augmented.flips, augmented.shifts]).toEqual([true, true]);
  });

  it("accepts each setting's extremes, which the worker's rules accept too", () => {
    const extremes = [
      ['--epochs', '100', '--batch', '1024', '--lr', '1', '--seed', '2147483647'],
      ['--epochs', '1', '--batch', '1', '--lr', '0.000001', '--seed', '0', '--train', '1'],
    ];
    for (const argv of extremes) expect(configProblems(train(...argv).config)).toEqual([]);
  });

  it('accepts --option=value and -h', () => {
    expect(train('--epochs=3').config.epochs).toBe(3);
    expect(parseTrainOptions(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--model', 'resnet'], '--model must be one of alexnet, alexnet-mini, got "resnet".'],
    [['--epochs', '0'], '--epochs must be a whole number from 1 to 100, got "0".'],
    [['--epochs', '101'], '--epochs must be a whole number from 1 to 100, got "101".'],
    [['--batch', '2.5'], '--batch must be a whole number from 1 to 1024, got "2.5".'],
    [['--batch', '2048'], '--batch must be a whole number from 1 to 1024, got "2048".'],
    [['--lr=-1'], '--lr must be a number from 0.000001 to 1, got "-1".'],
    [['--lr', '2'], '--lr must be a number from 0.000001 to 1, got "2".'],
    [['--lr', 'fast'], '--lr must be a number from 0.000001 to 1, got "fast".'],
    [['--train', '60001'], '--train must be a whole number from 1 to 60000, got "60001".'],
    [['--test', ''], '--test must be a whole number from 1 to 10000, got "".'],
    [['--seed=-3'], '--seed must be a whole number from 0 to 2147483647, got "-3".'],
    [
      ['--seed', '2147483648'],
      '--seed must be a whole number from 0 to 2147483647, got "2147483648".',
    ],
    [['--backend', 'webgl'], '--backend must be one of webgpu, cpu, got "webgl".'],
    [['--kernels', 'mine'], '--kernels must be one of own, stock, got "mine".'],
    [['--out', 'r.txt'], '--out must name a .json file, got "r.txt".'],
    [['--preset', 'fast'], '--preset must be one of reference, beat-the-reference, got "fast".'],
    [['--schedule', 'step'], '--schedule must be one of constant, cosine, one-cycle, got "step".'],
    [['--warmup', '1.5'], '--warmup: Warm-up share must be between 0 and 1, got "1.5".'],
    [['--wd', 'lots'], '--wd: Weight decay must be a number, got "lots".'],
    [['--dropout', '1'], '--dropout: Dropout must be at least 0 and below 1, got "1".'],
    [['--max-steps', '0'], '--max-steps must be a whole number >= 1, got "0".'],
    [['--budget', '0'], '--budget must be a number above 0, got "0".'],
    [
      ['--batch', '256', '--train', '100'],
      '--batch 256 is larger than --train 100: no full batch to train on.',
    ],
  ])('rejects %j', (argv, message) => {
    expect(() => parseTrainOptions(argv)).toThrow(OptionError);
    expect(() => parseTrainOptions(argv)).toThrow(message);
  });

  it('names unknown options, missing values and stray arguments', () => {
    expect(() => parseTrainOptions(['--epoch', '3'])).toThrow(/Unknown option '--epoch'/);
    expect(() => parseTrainOptions(['--model'])).toThrow(/--model <value>' argument missing/);
    expect(() => parseTrainOptions(['alexnet'])).toThrow(/Unexpected argument 'alexnet'/);
    expect(() => parseTrainOptions(['alexnet'])).toThrow(OptionError);
  });
});
