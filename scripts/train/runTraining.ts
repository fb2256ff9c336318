// One `npm run train` run: the app's Engine (WebGPU on Dawn or the CPU, the same backend selection
// and kernels as the worker), the data on it, the engine's Trainer, and the report. Stops early,
// after the current step, when asked (Ctrl-C), when the time budget is spent, or after --max-steps.
// The engine is disposed on every path (its GPU watch and device with it).

import * as tf from '@tensorflow/tfjs';
import { Engine, type EngineHooks } from '../../src/engine/engine';
import { recipeSummary } from '../../src/protocol';
import type { Trainer } from '../../src/training/trainer';
import { installDawn, type DispatchCounter } from '../lib/dawnNode';
import { formatBackendLine, formatEpochLine, formatProgressLine } from './format';
import { loadData } from './loadData';
import type { TrainOptions } from './options';
import type { ProgressPrinter } from './progressPrinter';
import { TrainReport, type RunStatus } from './report';
import { stepStats, type ProgressMark } from './stepStats';

export interface RunContext {
  printer: ProgressPrinter;
  /** Folders tried for the data when --data is not given. */
  dataFallbacks: readonly string[];
  /** True once a stop was asked for (Ctrl-C). */
  stopRequested(): boolean;
  /** Gets the report as soon as it exists, so an abrupt exit can still write it. */
  onReport?(report: TrainReport): void;
  /** Replaceable for tests; the app's backend selection by default. */
  selectBackend?: EngineHooks['selectBackend'];
  /** Sees the engine once it has started (tests check it is disposed on every path). */
  onEngine?(engine: Engine): void;
}

export interface RunOutcome {
  status: RunStatus;
  report: TrainReport;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the training; never throws: a failure ends as status 'failed' with the message reported. */
export async function runTraining(options: TrainOptions, context: RunContext): Promise<RunOutcome> {
  const { config } = options;
  const { printer } = context;
  const startedAt = performance.now();
  const report = new TrainReport(
    {
      ...config,
      backend: options.backend,
      kernels: options.kernels,
      ...(options.maxSteps !== undefined && { maxSteps: options.maxSteps }),
      ...(options.budgetSeconds !== undefined && { budgetSeconds: options.budgetSeconds }),
    },
    options.out,
  );
  context.onReport?.(report);
  const overBudget = () =>
    options.budgetSeconds !== undefined &&
    performance.now() - startedAt >= options.budgetSeconds * 1000;
  let engine: Engine | undefined;
  let trainer: Trainer | undefined;
  try {
    let dispatches: DispatchCounter | undefined;
    if (options.backend === 'webgpu') dispatches = await installDawn();
    tf.enableProdMode();
    // A lost device is not reported here when it happens: the next step's check throws it.
    engine = await Engine.start(
      { backend: options.backend, kernels: options.kernels },
      context.selectBackend ? { selectBackend: context.selectBackend } : {},
    );
    context.onEngine?.(engine);
    report.content.backend = engine.info;
    printer.log(formatBackendLine(engine.info));

    const loadStart = performance.now();
    const data = loadData(
      options.dataDir,
      { train: config.trainImages, test: config.testImages },
      context.dataFallbacks,
    );
    engine.gpuData(data);
    report.content.data = {
      source: data.source,
      trainImages: data.train.count,
      testImages: data.test.count,
      loadSeconds: (performance.now() - loadStart) / 1000,
    };
    printer.log(
      `Data: ${data.train.count} training and ${data.test.count} test images from ${data.source}`,
    );
    trainer = engine.createTrainer(config, data);
    const stepsPerEpoch = trainer.plan.stepsPerEpoch;
    printer.log(
      `Model ${config.model}, ${config.epochs} epoch(s) of ${stepsPerEpoch} steps at batch ` +
        `${config.batchSize}, ${recipeSummary(config)}, seed ${config.seed}`,
    );
    report.write();

    const marks: ProgressMark[] = [];
    let stepsDone = 0;
    let stopReason: RunStatus | undefined;
    const runStart = performance.now();
    const samplePeak = () => {
      report.content.peakBytes = Math.max(report.content.peakBytes, tf.memory().numBytes);
    };
    const result = await trainer.run(
      {
        onProgress: (progress) => {
          samplePeak();
          stepsDone = (progress.epoch - 1) * stepsPerEpoch + progress.imagesDone / config.batchSize;
          if (progress.epoch === 1) {
            marks.push({
              imagesDone: progress.imagesDone,
              at: performance.now(),
              dispatches: dispatches?.count ?? 0,
            });
            const stats = stepStats(runStart, marks, config.batchSize, dispatches !== undefined);
            if (stats) report.content.steps = stats;
          }
          report.content.lastProgress = progress;
          printer.progress(formatProgressLine(progress, config.epochs));
          report.write(true);
        },
        onEpoch: (metrics) => {
          printer.log(formatEpochLine(metrics));
          report.content.epochs.push(metrics);
          report.write();
        },
      },
      {
        shouldStop: () => {
          if (context.stopRequested()) stopReason ??= 'stopped';
          else if (overBudget()) stopReason ??= 'budget';
          else if (options.maxSteps !== undefined && stepsDone >= options.maxSteps) {
            stopReason ??= 'max-steps';
          }
          return stopReason !== undefined;
        },
        waitIfPaused: () => Promise.resolve(),
        throwIfBackendFailed: () => engine?.throwIfGpuFailed(),
        yieldControl: () => {
          samplePeak();
          return new Promise((resolve) => setImmediate(resolve));
        },
      },
    );
    report.content.status = result === 'finished' ? 'finished' : (stopReason ?? 'stopped');
    if (report.content.status !== 'finished') {
      printer.log(`Stopped early (${describeStop(report.content.status, options)}).`);
    }
  } catch (error) {
    report.content.status = 'failed';
    report.content.error = errorText(error);
    printer.log(`Training failed: ${report.content.error}`);
  } finally {
    trainer?.dispose();
    engine?.dispose();
    report.write();
  }
  return { status: report.content.status, report };
}

function describeStop(status: RunStatus, options: TrainOptions): string {
  switch (status) {
    case 'budget':
      return `the --budget of ${options.budgetSeconds} s is spent`;
    case 'max-steps':
      return `--max-steps ${options.maxSteps} reached`;
    case 'stopped':
      return 'interrupted';
    default:
      return status;
  }
}
