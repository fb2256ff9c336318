import { describe, expect, it } from 'vitest';
import { parseKernelBenchArgs } from './kernelBenchArgs';

describe('parseKernelBenchArgs', () => {
  it('defaults to alexnet at batch 8, both models stepped at the same batch', () => {
    expect(parseKernelBenchArgs([])).toEqual({
      models: ['alexnet'],
      batch: 8,
      reps: 3,
      rowSeconds: 120,
      ownOnly: false,
      steps: [
        { model: 'alexnet-mini', batch: 8 },
        { model: 'alexnet', batch: 8 },
      ],
    });
  });

  it('takes a step batch per model, a budget, an output file and an adapter', () => {
    const args = parseKernelBenchArgs([
      '--model=alexnet-mini,alexnet',
      '--step-batch=alexnet-mini=32,alexnet=2',
      '--budget=600',
      '--out=bench-results/k.json',
      '--software',
      '--ops=filterGradient,forwardConv',
    ]);
    expect(args).toMatchObject({
      models: ['alexnet-mini', 'alexnet'],
      steps: [
        { model: 'alexnet-mini', batch: 32 },
        { model: 'alexnet', batch: 2 },
      ],
      budgetSeconds: 600,
      out: 'bench-results/k.json',
      adapter: 'software',
      ops: ['filterGradient', 'forwardConv'],
    });
    expect(parseKernelBenchArgs(['--steps=none']).steps).toEqual([]);
  });

  it('rejects bad values with a message naming the option', () => {
    expect(() => parseKernelBenchArgs(['--batch=0'])).toThrow('--batch must be a positive integer');
    expect(() => parseKernelBenchArgs(['--model=vgg'])).toThrow('unknown model "vgg"');
    expect(() => parseKernelBenchArgs(['--budget=-1'])).toThrow('--budget must be a number');
    expect(() => parseKernelBenchArgs(['--gpu', '--software'])).toThrow('not both');
  });
});
