// `npm run train` end to end, as a person runs it: tiny configurations on the CPU backend, and one on
// SwiftShader's WebGPU (the re-spawn with its library path included) where Chromium is installed.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainReportData } from './train/report';
import { hasChromiumSwiftShader } from './lib/dawnEnv';

const EPOCH_LINE =
  /^epoch (\d+), loss \d+\.\d{4}, train acc [01]\.\d{3}, test acc [01]\.\d{3}, time \d+\.\d sec, \d+\.\d img\/s$/gm;
const tiny = ['--model', 'alexnet-mini', '--batch', '16', '--train', '64', '--test', '32'];

const outFile = () => join(mkdtempSync(join(tmpdir(), 'train-')), 'run.json');
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as TrainReportData;

function npmRunTrain(args: string[]) {
  return spawnSync('npm', ['run', 'train', '--silent', '--', ...args], {
    encoding: 'utf8',
    timeout: 240_000,
  });
}

describe('npm run train', () => {
  it('trains on the CPU, prints reference-style epoch lines and writes the report', () => {
    const out = outFile();
    const run = npmRunTrain([...tiny, '--backend', 'cpu', '--epochs', '2', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Backend: cpu (CPU), own kernels');
    expect([...run.stdout.matchAll(EPOCH_LINE)].map((m) => m[1])).toEqual(['1', '2']);
    const report = readReport(out);
    expect(report).toMatchObject({
      status: 'finished',
      config: { model: 'alexnet-mini', epochs: 2, batchSize: 16, backend: 'cpu', kernels: 'own' },
      backend: { name: 'cpu' },
      data: { trainImages: 64, testImages: 32 },
      steps: { batchSize: 16, steps: 4 },
    });
    expect(report.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(report.epochs[1]?.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(report.steps?.firstStepMs).toBeGreaterThan(0);
    expect(report.peakBytes).toBeGreaterThan(0);
  }, 240_000);

  it('rejects a bad option with a clear message and exit code 2', () => {
    const run = npmRunTrain(['--epochs', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'npm run train: --epochs must be a whole number from 1 to 100, got "many".',
    );
  }, 60_000);

  it('stops when the --budget is spent and keeps what it measured', () => {
    const out = outFile();
    const args = ['--backend', 'cpu', '--model', 'alexnet-mini', '--batch', '8', '--train', '2000'];
    const run = npmRunTrain([...args, '--test', '8', '--budget', '3', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Stopped early (the --budget of 3 s is spent).');
    const report = readReport(out);
    expect(report.status).toBe('budget');
    // The epoch's 250 steps take ~50 s on the CPU backend: the budget ended it. The budget counts
    // from the start, data loading included, so on a loaded machine no step may have run at all
    // (then the report has no step statistics); either way the report was written.
    expect(report.epochs).toEqual([]);
    expect(report.steps?.steps ?? 0).toBeLessThan(250);
  }, 120_000);

  it('stops after the current step on Ctrl-C and still writes the report', async () => {
    const out = outFile();
    const args = [...tiny, '--backend', 'cpu', '--train', '60000', '--out', out];
    const child = spawn('npm', ['run', 'train', '--silent', '--', ...args], { detached: true });
    let stdout = '';
    // 'close': npm may exit (of the signal) before the trainer has finished writing.
    const closed = new Promise<string>((resolve) =>
      child.on('close', (code, signal) => resolve(String(signal ?? code))),
    );
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/^epoch 1\/5, /m.test(stdout)) resolve(); // a step finished
      });
    });
    process.kill(-child.pid!, 'SIGINT'); // the whole process group, as a terminal's Ctrl-C does
    expect(['130', 'SIGINT']).toContain(await closed); // npm dies of the signal itself
    expect(stdout).toContain('Stopping after this step');
    expect(stdout).toContain('Stopped early (interrupted).');
    expect(readReport(out)).toMatchObject({ status: 'stopped', epochs: [] });
  }, 120_000);

  it.runIf(hasChromiumSwiftShader() || process.env.CI)(
    "runs on SwiftShader's WebGPU adapter, counting dispatches (--max-steps)",
    () => {
      const out = outFile();
      const args = ['--model', 'alexnet-mini', '--batch', '4', '--train', '8', '--test', '4'];
      const run = npmRunTrain([...args, '--max-steps', '2', '--out', out]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Backend: webgpu on google swiftshader .*\(software: /m);
      const report = readReport(out);
      expect(report).toMatchObject({
        status: 'max-steps',
        backend: { name: 'webgpu', isSoftware: true, adapter: { isFallbackAdapter: true } },
        steps: { steps: 2 },
      });
      // One alexnet-mini step on the own kernels issues ~100 dispatches (count:dispatches: 99 at
      // batch 2), on tfjs's stock kernels ~350: counting works if it sees at least dozens.
      expect(report.steps?.dispatchesPerStep).toBeGreaterThan(50);
    },
    240_000,
  );
});
