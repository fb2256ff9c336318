import { describe, expect, it } from 'vitest';
import type { TrainReportData } from '../train/report';
import { headline, trainStageStatus, type StageRecord } from './summary';
import { readmeRow, summaryMarkdown, type SummaryContext } from './summaryMarkdown';
import { PLAIN_RECIPE_OPTIONS } from '../../src/protocol';

/** Just the fields the summary reads from a trainer report. */
function trainReport(over: Partial<TrainReportData>): TrainReportData {
  return {
    tool: 'npm run train',
    startedAt: '',
    status: 'finished',
    config: {
      model: 'alexnet',
      epochs: 5,
      batchSize: 128,
      learningRate: 0.001,
      trainImages: 60000,
      testImages: 10000,
      seed: 42,
      ...PLAIN_RECIPE_OPTIONS,
      backend: 'webgpu',
      kernels: 'own',
    },
    machine: { hostname: 'h', cpu: 'c', cpus: 1, node: 'v20', platform: 'linux-x64' },
    peakBytes: 0,
    epochs: [],
    elapsedSeconds: 0,
    ...over,
  };
}

const steps = (imagesPerSec: number) => ({
  batchSize: 128,
  steps: 30,
  firstStepMs: 9000,
  imagesPerSec,
  msPerStep: 128_000 / imagesPerSec,
  dispatchesPerStep: 350,
});
const epoch = (n: number, testAccuracy: number) => ({
  epoch: n,
  trainLoss: 0.5,
  trainAccuracy: 0.8,
  testLoss: 0.4,
  testAccuracy,
  trainSeconds: 60,
  evalSeconds: 4,
  imagesPerSec: 998.4,
});

const stages: StageRecord[] = [
  { name: 'adapter', title: 'WebGPU adapter', status: 'ok', seconds: 2, limitSeconds: 24 },
  {
    name: 'step-own',
    title: 'Training steps, own kernels',
    status: 'ok',
    seconds: 40,
    result: trainReport({ status: 'max-steps', steps: steps(1000), peakBytes: 3 * 2 ** 30 }),
  },
  {
    name: 'torch',
    title: 'PyTorch on the same GPU',
    status: 'ok',
    seconds: 30,
    result: {
      available: true,
      modes: [
        { mode: 'fp32', imagesPerSec: 4000, msPerStep: 32, firstStepMs: 900, peakBytes: 2 ** 30 },
        {
          mode: 'default',
          imagesPerSec: 8000,
          msPerStep: 16,
          firstStepMs: 800,
          peakBytes: 2 ** 30,
        },
      ],
    },
  },
  {
    name: 'step-stock',
    title: 'Training steps, stock kernels',
    status: 'ok',
    seconds: 50,
    result: trainReport({ status: 'budget', steps: steps(100) }),
  },
  {
    name: 'reference',
    title: 'Reference run',
    status: 'cut',
    reason: 'budget',
    seconds: 200,
    result: trainReport({
      status: 'budget',
      epochs: [epoch(1, 0.85), epoch(2, 0.88)],
      lastProgress: {
        epoch: 3,
        imagesDone: 12800,
        imagesTotal: 59904,
        loss: 0.3,
        imagesPerSec: 990,
      },
    }),
  },
];

const context: SummaryContext = {
  date: '2026-12-01',
  budgetSeconds: 480,
  smoke: false,
  machine: 'gpu-vm, Xeon x16, Linux 6.18',
  gpu: 'NVIDIA H100 80GB HBM3, driver 580.159.04, 81559 MiB',
  adapter: 'nvidia hopper (hardware)',
  kit: 'built then from abc1234',
  aborted: null,
};

describe('headline', () => {
  it('takes the speeds, divides WebGPU by PyTorch and lists the reference epochs', () => {
    const h = headline(stages);
    expect(h.own).toMatchObject({ imagesPerSec: 1000, firstStepMs: 9000, dispatchesPerStep: 350 });
    expect(h.ratios).toEqual({ ownToFp32: 0.25, ownToDefault: 0.125, stockToFp32: 0.025 });
    expect(
      h.reference?.epochs.map((e) => [e.epoch, e.testAccuracy, e.referenceTestAccuracy]),
    ).toEqual([
      [1, 0.85, 0.856],
      [2, 0.88, 0.881],
    ]);
    expect(h.reference?.lastProgress?.epoch).toBe(3);
  });

  it('has nulls, not made-up numbers, for stages that did not run', () => {
    const h = headline(stages.slice(0, 1));
    expect(h).toMatchObject({ own: null, torchFp32: null, reference: null });
    expect(h.ratios.ownToFp32).toBeNull();
  });
});

describe('trainStageStatus', () => {
  const ok = { exitCode: 0, timedOut: false };
  it('counts a step benchmark stopped by its budget as measured, a reference run as cut', () => {
    const report = trainReport({ status: 'budget', steps: steps(100) });
    expect(trainStageStatus(report, ok, 'step')).toEqual({
      status: 'ok',
      reason: 'time budget reached after 30 steps',
    });
    expect(trainStageStatus(report, ok, 'epochs')).toEqual({
      status: 'cut',
      reason: 'its time budget ran out after 0 epoch(s)',
    });
  });

  it('reports failures from the JSON, the exit code, or a missing JSON', () => {
    expect(trainStageStatus(trainReport({ status: 'failed', error: 'OOM' }), ok, 'step')).toEqual({
      status: 'failed',
      reason: 'OOM',
    });
    expect(trainStageStatus(null, { exitCode: 1, timedOut: false }, 'step').status).toBe('failed');
    expect(trainStageStatus(null, ok, 'step')).toEqual({
      status: 'failed',
      reason: 'wrote no JSON',
    });
    expect(trainStageStatus(null, { exitCode: 130, timedOut: true }, 'step').status).toBe('cut');
  });
});

describe('summaryMarkdown', () => {
  it('lays out stages, speeds with ratios, the epochs and a README row', () => {
    const md = summaryMarkdown(context, stages, headline(stages));
    expect(md).toContain('| Reference run | cut | 200 (—) | budget |');
    expect(md).toContain(
      '| WebGPU (Dawn), own kernels | 1000.0 | 128.0 | 9000 | 3072 | 350 | 0.250 | 0.125 |',
    );
    expect(md).toContain(
      '| PyTorch CUDA, defaults | 8000.0 | 16.0 | 800 | 1024 | — | 2.000 | 1.000 |',
    );
    expect(md).toContain('| 2 | 0.5000 | 0.800 | 0.880 | 0.881 | 60.0 | 998.4 |');
    expect(md).toContain('Unfinished epoch 3: 12800 of 59904 images at 990.0 img/s.');
    expect(readmeRow(context, headline(stages))).toBe(
      '| NVIDIA H100 80GB HBM3, driver 580.159.04, 81559 MiB, gpu-vm, Xeon x16, Linux 6.18 | ' +
        'WebGPU (Dawn, Node), own kernels | 1000.0 | 0.250 / 0.125 | 60.0 | 0.850 / 0.880 |',
    );
  });
});
