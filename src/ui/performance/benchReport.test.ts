import { describe, expect, it } from 'vitest';
import type { BrowserKernelBenchReport, KernelBenchRow } from '../../protocol';
import { benchMarkdown } from './benchMarkdown';
import { chartRows, EPOCH_IMAGES, gflops, projectEpoch } from './benchSummary';

const row = (layer: string, op: string, over: Partial<KernelBenchRow> = {}): KernelBenchRow => ({
  model: 'alexnet-mini',
  layer,
  op,
  batch: 16,
  own: true,
  stockMs: 4,
  ownMs: 2,
  stockCpuMs: null,
  ownCpuMs: null,
  stockGpuMs: null,
  ownGpuMs: null,
  calls: 5,
  flop: 8e6,
  workgroups128: null,
  fmaPerSharedLoad: null,
  fmaPerGlobalLoad: null,
  ...over,
});

const ROWS = [
  row('conv1', 'forwardConv'), // not a step op: convBiasRelu stands for the forward pass
  row('conv1', 'convBiasRelu'),
  row('conv1', 'inputGradient', { stockMs: null, ownMs: null, note: 'not in a training step: x' }),
  row('conv1', 'filterGradient', { stockMs: 10, ownMs: 5 }),
  row('conv1', 'adam', {
    own: false,
    ownMs: null,
    stockMs: 1,
    flop: null,
    note: 'no own | kernel',
  }),
];

describe('benchmark summary', () => {
  it('gives GFLOP/s from FLOP and ms, and nothing without either', () => {
    expect(gflops(8e6, 2)).toBeCloseTo(4);
    expect(gflops(null, 2)).toBeNull();
    expect(gflops(8e6, null)).toBeNull();
  });

  it("projects an epoch from one step's measured ops, own kernels where they exist", () => {
    const projection = projectEpoch(ROWS, 16)!;
    const steps = Math.floor(EPOCH_IMAGES / 16);
    expect(projection.stepMs).toBeCloseTo(2 + 5 + 1);
    expect(projection.stockStepMs).toBeCloseTo(4 + 10 + 1);
    expect(projection.epochSeconds).toBeCloseTo((8 * steps) / 1000);
    expect(projection.layers).toEqual(['conv1']);
    expect(projection.missing).toBe(0);
    expect(projectEpoch([row('conv1', 'filterGradient', { stockMs: null })], 16)).toBeNull();
  });

  it('charts timed rows only, own = stock where there is no own kernel', () => {
    const bars = chartRows(ROWS);
    expect(bars).toHaveLength(4);
    expect(bars.at(-1)).toEqual({ label: 'conv1 adam', stock: 1, own: 1 });
  });
});

describe('benchMarkdown', () => {
  const report: BrowserKernelBenchReport = {
    date: '2026-12-07T02:00:00.000Z',
    adapter: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader',
      isSoftware: true,
      cpu: '2 logical CPUs',
    },
    reps: 5,
    rowSeconds: 10,
    rows: ROWS,
    steps: [],
    browser: 'HeadlessChrome/156',
    limits: {
      maxBufferSize: 1 << 30,
      maxStorageBufferBindingSize: 1 << 30,
      maxComputeWorkgroupStorageSize: 32768,
      maxComputeInvocationsPerWorkgroup: 1024,
    },
    features: ['timestamp-query'],
    request: { model: 'alexnet-mini', batch: 16, layers: ['conv1'], budgetSeconds: 60 },
    stoppedEarly: 'stopped',
  };
  const markdown = benchMarkdown(report);
  const lines = markdown.trim().split('\n');

  it('is a table with a row per benchmark row, each with as many cells as the header', () => {
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + ROWS.length);
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    for (const line of table) expect(cells(line)).toBe(cells(table[0]!));
  });

  it('names the adapter, browser, date, limits and how the run ended', () => {
    expect(markdown).toContain('SwiftShader');
    expect(markdown).toContain('software (CPU-emulated)');
    expect(markdown).toContain('HeadlessChrome/156');
    expect(markdown).toContain(report.date);
    expect(markdown).toContain('timestamp-query: yes');
    expect(markdown).toContain('Stopped early: stopped');
    expect(markdown).toMatch(
      /\| conv1 \| filterGradient \| 10\.00 \| 5\.00 \| 2\.00x \| 0\.8 \| 1\.6 \|/,
    );
  });
});
