// npm run bench -- [--backend webgpu,webgl,cpu] [--kernels own,stock] [--model alexnet-mini,alexnet]
//                  [--batch 64] [--steps 20] [--warmup 3] [--profile on,off] [--gpu | --software]
//                  [--out bench-results/bench.json]
//
// Serves the app with Vite, opens src/bench/index.html in headless Chromium (the same flags as the
// e2e tests: SwiftShader WebGPU on a machine without a GPU; where a GPU device node exists, or with
// --gpu, Chromium uses the real adapter instead; --software forces SwiftShader),
// and for each backend x kernel mode x model runs, inside a Web Worker:
//   - the app's training loop (the real TrainingSession the worker uses, with its Engine, on real
//     shards), and
//   - a bare tfjs training step (model.trainOnBatch, which reads the loss every step) on the same
//     model and batch,
// then prints images/second for both, their ratio, the first (compile) step's time and peak tf.memory().
// It reports; it never asserts timings.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { machineHasGpu } from './lib/dawnEnv';
import { BACKEND_PREFERENCE, KERNEL_MODES, MODEL_NAMES } from '../src/protocol';
import type { BenchCase, BenchResult } from '../src/bench/benchTypes';
import { formatBenchTable } from '../src/bench/formatBench';

function parseList<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`Unknown ${what} "${item}": choose from ${allowed.join(', ')}.`);
    }
  }
  return items as T[];
}

function positiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${what} must be a positive integer, got "${value}".`);
  return n;
}

const USAGE = `npm run bench -- [options]   (reports; never asserts timings)
  --backend LIST   webgpu,webgl,cpu (default webgpu)
  --kernels LIST   own,stock (default own)
  --model LIST     alexnet-mini,alexnet (default alexnet-mini)
  --batch N        batch size (default 64)
  --steps N        timed steps after the warm-up (default 20)
  --profile LIST   on,off: the training loop's sampled step profile (Performance panel;
                   default on); both measure what it costs
  --warmup N       warm-up steps (default 3)
  --gpu            use the hardware GPU adapter; --software forces SwiftShader
  --out FILE       also write the results as JSON
  --timeout S      seconds a case may take (default 1800)
Each backend x kernels x model case runs the app's training loop (its TrainingSession and Engine)
and a bare tfjs step in a Web Worker of headless Chromium.`;

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    backend: { type: 'string', default: 'webgpu' },
    kernels: { type: 'string', default: 'own' },
    model: { type: 'string', default: 'alexnet-mini' },
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    profile: { type: 'string', default: 'on' },
    gpu: { type: 'boolean', default: false },
    software: { type: 'boolean', default: false },
    out: { type: 'string' },
    timeout: { type: 'string', default: '1800' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const hardwareGpu = values.gpu || (!values.software && machineHasGpu());
console.log(
  hardwareGpu ? 'Using the hardware GPU adapter.' : 'Using the SwiftShader (CPU) adapter.',
);

const cases: BenchCase[] = [];
const batchSize = positiveInt(values.batch, 'batch');
const steps = positiveInt(values.steps, 'steps');
const warmup = positiveInt(values.warmup, 'warmup');
for (const backend of parseList(values.backend, BACKEND_PREFERENCE, 'backend')) {
  for (const kernels of parseList(values.kernels, KERNEL_MODES, 'kernels')) {
    for (const model of parseList(values.model, MODEL_NAMES, 'model')) {
      for (const profile of parseList(values.profile, ['on', 'off'] as const, 'profile')) {
        cases.push({
          backend,
          kernels,
          model,
          batchSize,
          steps,
          warmup,
          profile: profile === 'on',
        });
      }
    }
  }
}

const server = await createServer({ logLevel: 'error', server: { port: 5174, strictPort: false } });
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('Vite did not report a local URL.');
const browser = await chromium.launch(chromiumLaunchOptions({ hardwareGpu }));
const results: BenchResult[] = [];
try {
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error(`[page] ${msg.text()}`);
  });
  for (const benchCase of cases) {
    const query = new URLSearchParams(
      Object.entries(benchCase).map(([k, v]) => [k, String(v)]),
    ).toString();
    console.log(
      `\n▶ ${benchCase.backend} (${benchCase.kernels} kernels, profile ${benchCase.profile === false ? 'off' : 'on'}) / ${benchCase.model}, batch ${batchSize}, ${steps} steps`,
    );
    await page.goto(`${url}src/bench/index.html?${query}`);
    const handle = await page.waitForFunction(
      () => (window as { benchResult?: unknown }).benchResult,
      undefined,
      { timeout: positiveInt(values.timeout, 'timeout') * 1000, polling: 500 },
    );
    const result = (await handle.jsonValue()) as BenchResult;
    results.push(result);
    console.log(result.error ? `  failed: ${result.error}` : '  done');
  }
} finally {
  await browser.close();
  await server.close();
}

console.log('\n' + formatBenchTable(results));
if (values.out) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
  console.log(`\nWrote ${values.out}`);
}
