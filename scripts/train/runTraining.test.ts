// `npm run train`'s run in-process, on a stand-in GPU device over the CPU backend: the engine (and
// with it the GPU watch and the device) is released on every way a run ends.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { FakeGpuDevice } from '../../src/engine/testing/fakeGpuDevice';
import { PLAIN_RECIPE_OPTIONS } from '../../src/protocol';
import { useCpuBackend } from '../../src/testing/cpuBackend';
import type { TrainOptions } from './options';
import { ProgressPrinter } from './progressPrinter';
import { runTraining, type RunContext } from './runTraining';

const shards = join(fileURLToPath(new URL('../..', import.meta.url)), 'public/data/fashion-mnist');

const OPTIONS: TrainOptions = {
  config: {
    model: 'alexnet-mini',
    epochs: 1,
    batchSize: 8,
    learningRate: 0.001,
    trainImages: 16,
    testImages: 8,
    seed: 1,
    ...PLAIN_RECIPE_OPTIONS,
  },
  backend: 'cpu',
  kernels: 'own',
  dataDir: shards,
};

beforeAll(useCpuBackend);

function run(device: FakeGpuDevice, options: TrainOptions, onStep?: () => void) {
  const engines: Engine[] = [];
  const printer = new ProgressPrinter({ write: () => true });
  const context: RunContext = {
    printer,
    dataFallbacks: [],
    stopRequested: () => false,
    selectBackend: device.selectBackend(),
    onEngine: (engine) => engines.push(engine),
  };
  const realProgress = printer.progress.bind(printer);
  printer.progress = (line: string) => {
    onStep?.();
    realProgress(line);
  };
  return runTraining(options, context).then((outcome) => ({ outcome, engines }));
}

describe('runTraining releases its engine', () => {
  it('after a finished run', async () => {
    const device = new FakeGpuDevice();
    const { outcome, engines } = await run(device, OPTIONS);
    expect(outcome.status).toBe('finished');
    expect(engines.map((e) => e.isDisposed)).toEqual([true]);
    expect(device.destroyed).toBe(1);
  }, 60_000);

  it('after the data could not be read', async () => {
    const device = new FakeGpuDevice();
    const { outcome, engines } = await run(device, { ...OPTIONS, dataDir: '/nonexistent/data' });
    expect(outcome.status).toBe('failed');
    expect(engines.map((e) => e.isDisposed)).toEqual([true]);
    expect(device.destroyed).toBe(1);
  }, 60_000);

  it('after the GPU failed mid-run, naming the failure', async () => {
    const device = new FakeGpuDevice();
    const options = { ...OPTIONS, config: { ...OPTIONS.config, trainImages: 32, batchSize: 4 } };
    const { outcome } = await run(device, options, () => device.raiseOutOfMemory());
    expect(outcome.status).toBe('failed');
    expect(outcome.report.content.error).toMatch(/Failed to allocate 143 MB/);
    expect(device.destroyed).toBe(1);
  }, 60_000);
});
