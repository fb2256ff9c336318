import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../protocol';
import { exportFileName, runCsv, runJson } from './runExport';
import { PLAIN_RECIPE_OPTIONS } from '../../protocol';

const run: RunRecord = {
  id: 'run-1',
  name: 'alexnet-mini, 2 epochs, batch 16, lr 0.001',
  config: {
    model: 'alexnet-mini',
    epochs: 2,
    batchSize: 16,
    learningRate: 0.001,
    trainImages: 32,
    testImages: 16,
    seed: 1,
    ...PLAIN_RECIPE_OPTIONS,
  },
  backend: { name: 'webgpu', adapter: 'google swiftshader', isSoftware: true, kernels: 'own' },
  epochs: [
    {
      epoch: 1,
      trainLoss: 2.25,
      trainAccuracy: 0.125,
      testLoss: 2.5,
      testAccuracy: 0.1875,
      trainSeconds: 3.5,
      evalSeconds: 0.5,
      imagesPerSec: 9.25,
    },
  ],
  startedAt: 1,
  updatedAt: 2,
  durationSeconds: 4,
  status: 'stopped',
};

describe('run exports', () => {
  it('writes the epoch log as CSV with a header', () => {
    expect(runCsv(run)).toBe(
      'epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,eval_seconds,images_per_sec\n' +
        '1,2.25,0.125,2.5,0.1875,3.5,0.5,9.25\n',
    );
  });

  it('writes the whole record as JSON that reads back the same', () => {
    expect(JSON.parse(runJson(run))).toEqual(run);
  });

  it('writes the per-class evaluation as plain arrays, a class never predicted as null', () => {
    const confusion = new Int32Array(100);
    confusion[0] = 3;
    const precision = new Float32Array(10).fill(0.5);
    precision[9] = NaN;
    const classes = { confusion, precision, recall: new Float32Array(10).fill(0.25) };
    const withClasses = { ...run, epochs: [{ ...run.epochs[0]!, classes }] };
    const written = JSON.parse(runJson(withClasses)) as {
      epochs: {
        classes: { confusion: number[]; precision: (number | null)[]; recall: number[] };
      }[];
    };
    const back = written.epochs[0]!.classes;
    expect(back.confusion).toEqual(Array.from(confusion));
    expect(back.precision.slice(8)).toEqual([0.5, null]);
    expect(back.recall).toHaveLength(10);
  });

  it('names the files after the run', () => {
    expect(exportFileName(run, 'csv')).toBe('alexnet-mini-2-epochs-batch-16-lr-0-001.csv');
    expect(exportFileName({ id: 'run-2', name: '!!!' }, 'json')).toBe('run-2.json');
  });
});
