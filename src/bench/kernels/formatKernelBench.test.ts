import { describe, expect, it } from 'vitest';
import { formatKernelBench } from './formatKernelBench';
import type { KernelBenchReport } from './kernelBenchTypes';

const report: KernelBenchReport = {
  date: '2026-01-01T00:00:00.000Z',
  adapter: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: 'SwiftShader driver',
    isSoftware: true,
    cpu: '2 x AMD EPYC',
  },
  reps: 3,
  rowSeconds: 120,
  rows: [
    {
      model: 'alexnet',
      layer: 'conv1',
      op: 'filterGradient',
      batch: 8,
      own: true,
      stockMs: 4264,
      ownMs: 1900,
      stockCpuMs: 8000,
      ownCpuMs: 2000,
      stockGpuMs: 4100,
      ownGpuMs: 1850,
      calls: 3,
      workgroups128: 3000,
      fmaPerSharedLoad: 16,
      fmaPerGlobalLoad: 53.3333,
      stock128: {
        program: 'Conv2DDerFilterProgram',
        workgroups: 182,
        fmaPerSharedLoad: null,
        fmaPerGlobalLoad: 0.5,
      },
    },
    {
      model: 'alexnet',
      layer: 'conv1',
      op: 'forwardConv',
      batch: 8,
      own: false,
      stockMs: 12.34,
      ownMs: null,
      stockCpuMs: 20,
      ownCpuMs: null,
      stockGpuMs: null,
      ownGpuMs: null,
      calls: 3,
      workgroups128: null,
      fmaPerSharedLoad: null,
      fmaPerGlobalLoad: null,
      note: 'no own Conv2D kernel: own = stock',
    },
    {
      model: 'alexnet',
      layer: 'fc1',
      op: 'denseForward',
      batch: 8,
      own: false,
      stockMs: null,
      ownMs: null,
      stockCpuMs: null,
      ownCpuMs: null,
      stockGpuMs: null,
      ownGpuMs: null,
      calls: 3,
      workgroups128: null,
      fmaPerSharedLoad: null,
      fmaPerGlobalLoad: null,
      note: 'not measured: out of time',
    },
  ],
  steps: [
    {
      model: 'alexnet-mini',
      batch: 8,
      stockMs: 500,
      ownMs: 250,
      stockCpuMs: 900,
      ownCpuMs: 300,
      calls: 3,
      stockDispatches: 348,
      ownDispatches: 300,
    },
  ],
  stoppedEarly: 'the 60 s budget ran out',
};

describe('formatKernelBench', () => {
  const text = formatKernelBench(report);
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('names the adapter and says it is software', () => {
    expect(text.split('\n')[0]).toBe(
      'Adapter: SwiftShader driver (google/swiftshader), software (CPU-emulated); CPU: 2 x AMD EPYC',
    );
  });

  it('prints stock and own times, their ratio and the own work figures', () => {
    const row = line('alexnet conv1  filterGradient');
    expect(row).toContain('4264');
    expect(row).toContain('1900');
    expect(row).toContain('2.24x');
    expect(row).toContain('4.00x');
    expect(row).toContain('3,000, 16.0, 53.3');
    expect(row).toContain('Conv2DDerFilterProgram: 182, —, 0.5');
    expect(row).toContain('4100');
    expect(row).toContain('1850');
  });

  it('says own = stock where there is no own kernel, instead of a second time', () => {
    const row = line('alexnet conv1  forwardConv');
    expect(row).toContain('12.3');
    expect(row).toContain('= stock');
    expect(row).not.toContain('x ');
    expect(row).not.toContain(', ');
  });

  it('shows what was not measured, the step table with dispatch counts, and why it stopped', () => {
    expect(line('alexnet fc1')).toContain('not measured: out of time');
    expect(line('alexnet-mini')).toContain('348 / 300');
    expect(line('alexnet-mini')).toContain('2.00x');
    expect(line('alexnet-mini')).toContain('3.00x');
    expect(text).toContain('Stopped early: the 60 s budget ran out');
    // Every row has a cell under every heading.
    const stepHeader = line('training step');
    expect(stepHeader.indexOf('dispatches')).toBe(line('alexnet-mini').indexOf('348 / 300'));
  });
});
