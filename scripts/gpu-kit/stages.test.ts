import { describe, expect, it } from 'vitest';
import { MIN_STAGE_SECONDS, STAGES, STAGE_NAMES, stageSeconds } from './stages';

const ctx = { root: '/k', work: '/k/work', out: '/o', smoke: false };
const stage = (name: string) => STAGES.find((s) => s.name === name)!;

describe('stageSeconds', () => {
  it('gives a stage its share of the whole budget, never more than is left', () => {
    expect(stageSeconds(0.15, 480, 470)).toBe(72);
    expect(stageSeconds(0.15, 480, 40)).toBe(35); // 40 left, 5 kept for the summary
    expect(stageSeconds('rest', 480, 300)).toBe(295);
  });

  it('does not start a stage that would get under the minimum', () => {
    expect(stageSeconds('rest', 480, MIN_STAGE_SECONDS + 4)).toBe(0);
    expect(stageSeconds(0.01, 480, 400)).toBe(0);
  });
});

describe('STAGES', () => {
  it('runs the stages in the documented order, the recipe runs after the reference run', () => {
    expect(STAGES.map((s) => s.name)).toEqual([...STAGE_NAMES]);
    expect(STAGE_NAMES.slice(-4)).toEqual([
      'reference',
      'mini-preset',
      'mini-reference',
      'alexnet-preset',
    ]);
    expect(STAGES.at(-1)).toMatchObject({ name: 'alexnet-preset', share: 'rest' });
    const before = STAGES.slice(0, STAGE_NAMES.indexOf('reference')).map((s) => s.share);
    const fixed = before.reduce<number>((a, b) => a + (b === 'rest' ? 1 : b), 0);
    // At most two thirds for the stages before it: the reference run always gets a third or more.
    expect(fixed).toBeLessThanOrEqual(2 / 3);
  });

  it('runs each recipe with its preset, 5 epochs of all images, into the output folder', () => {
    const preset = stage('mini-preset').command(ctx, 72);
    expect(preset.args.join(' ')).toBe(
      '/k/app/train.mjs --model alexnet-mini --epochs 5 --batch 128 --train 60000 --test 10000 ' +
        '--preset beat-the-reference --seed 1 --kernels own --data /k/data --budget 57 ' +
        '--out /o/mini-preset.json',
    );
    expect(preset.resultFile).toBe('/o/mini-preset.json');
    expect(stage('mini-reference').command(ctx, 72).args.join(' ')).toContain(
      '--model alexnet-mini --epochs 5 --batch 128 --train 60000 --test 10000 --preset reference',
    );
    expect(stage('alexnet-preset').command(ctx, 200).args.join(' ')).toContain(
      '--model alexnet --epochs 5 --batch 128 --train 60000 --test 10000 --preset beat-the-reference',
    );
    // The smoke test's: tiny, on the CPU backend (seconds, no shader compilation).
    const smoke = stage('alexnet-preset').command({ ...ctx, smoke: true }, 30);
    expect(smoke.args.join(' ')).toContain(
      '--model alexnet-mini --epochs 1 --batch 8 --train 16 --test 8 ' +
        '--preset beat-the-reference --seed 1 --kernels own --backend cpu',
    );
  });

  it('benchmarks alexnet at batch 128 with each kernel mode, stopping itself before the limit', () => {
    expect(stage('step-own').command(ctx, 72)).toEqual({
      command: '/k/bin/node',
      args: [
        '/k/app/train.mjs',
        ...['--model', 'alexnet', '--batch', '128', '--max-steps', '50', '--test', '128'],
        ...['--epochs', '1', '--kernels', 'own', '--data', '/k/data'],
        ...['--budget', '57', '--out', '/k/work/step-own.json'],
      ],
      resultFile: '/k/work/step-own.json',
    });
    expect(stage('step-stock').command(ctx, 60).args).toContain('stock');
  });

  it('runs the reference configuration into the output folder, and tiny ones in a smoke test', () => {
    const reference = stage('reference').command(ctx, 300);
    expect(reference.args.join(' ')).toContain(
      '--model alexnet --epochs 5 --batch 128 --train 60000 --test 10000 --kernels own',
    );
    expect(reference.resultFile).toBe('/o/reference.json');
    const smoke = stage('reference').command({ ...ctx, smoke: true }, 300);
    expect(smoke.args.join(' ')).toContain('--model alexnet-mini --epochs 1 --batch 8 --train 16');
  });

  it("runs PyTorch with the machine's own libraries and the kernel scripts with --budget --batch --out", () => {
    expect(stage('torch').command(ctx, 60)).toMatchObject({
      command: 'python3',
      args: ['/k/reference/alexnet_torch.py', '--budget', '48', '--out', '/k/work/torch.json'],
      systemLibraries: true,
    });
    expect(stage('check-kernels').command(ctx, 60).args).toEqual([
      '/k/app/check-kernels.mjs',
      ...['--budget', '48', '--batch', '128', '--out', '/k/work/check-kernels.json'],
    ]);
    expect(stage('bench-kernels').command(ctx, 60).args).toEqual([
      '/k/app/bench-kernels.mjs',
      ...['--budget', '48', '--batch', '128', '--out', '/k/work/bench-kernels.json'],
    ]);
    expect(
      stage('bench-kernels')
        .command({ ...ctx, smoke: true }, 60)
        .args.join(' '),
    ).toContain('--batch 2 --model alexnet-mini --steps none --reps 1');
  });
});
