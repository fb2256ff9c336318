// The trainer's JSON report (--out): what ran, on what, and what it measured. Rewritten whole after
// every epoch and every few seconds of progress, through a temporary file and a rename, so a run
// killed at any moment (a time budget, a lost machine) leaves a complete file with every finished
// epoch in it.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { dirname } from 'node:path';
import type { BackendInfo, EpochMetrics, KernelMode, TrainConfig } from '../../src/protocol';
import type { StepProgress } from '../../src/training/trainer';
import type { StepStats } from './stepStats';

export type RunStatus = 'running' | 'finished' | 'stopped' | 'budget' | 'max-steps' | 'failed';

export interface TrainReportData {
  tool: 'npm run train';
  startedAt: string;
  status: RunStatus;
  error?: string;
  config: TrainConfig & {
    backend: string;
    kernels: KernelMode;
    maxSteps?: number;
    budgetSeconds?: number;
  };
  machine: { hostname: string; cpu: string; cpus: number; node: string; platform: string };
  backend?: BackendInfo;
  data?: { source: string; trainImages: number; testImages: number; loadSeconds: number };
  /** The first epoch's steps: first-step time, speed after it, dispatches, memory. */
  steps?: StepStats;
  /** Largest tf.memory().numBytes seen after any step. */
  peakBytes: number;
  lastProgress?: StepProgress;
  epochs: EpochMetrics[];
  elapsedSeconds: number;
}

const PROGRESS_WRITE_INTERVAL_MS = 10_000;

export class TrainReport {
  readonly content: TrainReportData;
  private readonly started = performance.now();
  private lastWrite = 0;

  constructor(
    config: TrainReportData['config'],
    private readonly path: string | undefined,
  ) {
    const cpu = cpus()[0]?.model ?? 'unknown';
    this.content = {
      tool: 'npm run train',
      startedAt: new Date().toISOString(),
      status: 'running',
      config,
      machine: {
        hostname: hostname(),
        cpu,
        cpus: cpus().length,
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      },
      peakBytes: 0,
      epochs: [],
      elapsedSeconds: 0,
    };
  }

  /** Writes now (always after an epoch or at the end; `throttled` writes at most every 10 s). */
  write(throttled = false): void {
    const now = performance.now();
    if (!this.path || (throttled && now - this.lastWrite < PROGRESS_WRITE_INTERVAL_MS)) return;
    this.lastWrite = now;
    this.content.elapsedSeconds = (now - this.started) / 1000;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.content, null, 2) + '\n');
    renameSync(temporary, this.path);
  }
}
