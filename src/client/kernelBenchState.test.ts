import { describe, expect, it } from 'vitest';
import type { BrowserKernelBenchReport, KernelBenchRequest, KernelBenchRow } from '../protocol';
import { kernelBenchRequestProblem } from '../protocol';
import { idleKernelBench, kernelBenchProgress, kernelBenchReducer } from './kernelBenchState';

const REQUEST: KernelBenchRequest = {
  model: 'alexnet-mini',
  batch: 8,
  layers: ['conv2'],
  budgetSeconds: 15,
  reps: 5,
};
const ROW = { layer: 'conv2', op: 'forwardConv' } as KernelBenchRow;
const ADAPTER = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader Device',
  isFallbackAdapter: false,
};

describe('kernelBenchReducer', () => {
  const running = kernelBenchReducer(idleKernelBench, { type: 'start', request: REQUEST });
  const started = kernelBenchReducer(running, {
    type: 'started',
    adapter: ADAPTER,
    isSoftware: true,
    totalRows: 4,
  });

  it('counts rows as they come, for the progress bar', () => {
    const one = kernelBenchReducer(started, { type: 'row', row: ROW, rowsDone: 1, totalRows: 4 });
    expect(one.adapter).toBe('google · swiftshader · SwiftShader Device');
    expect(kernelBenchProgress(one)).toBe(0.25);
  });

  it('keeps the rows when a stopped worker never answers', () => {
    const one = kernelBenchReducer(started, { type: 'row', row: ROW, rowsDone: 1, totalRows: 4 });
    const stopping = kernelBenchReducer(one, { type: 'stop' });
    expect(stopping.status).toBe('stopping');
    const lost = kernelBenchReducer(stopping, { type: 'lost', message: 'Stopped.' });
    expect(lost).toMatchObject({ status: 'failed', error: 'Stopped.', rows: [ROW] });
  });

  it('a late loss does not undo a finished run, and a new start clears the old one', () => {
    const report = { rows: [ROW] } as BrowserKernelBenchReport;
    const finished = kernelBenchReducer(started, { type: 'finished', report });
    expect(kernelBenchReducer(finished, { type: 'lost', message: 'x' }).status).toBe('finished');
    const again = kernelBenchReducer(finished, { type: 'start', request: REQUEST });
    expect(again).toMatchObject({ status: 'running', rows: [], report: null });
  });
});

describe('kernelBenchRequestProblem', () => {
  it('accepts a sound request and names what is wrong with others', () => {
    expect(kernelBenchRequestProblem(REQUEST)).toBeNull();
    expect(kernelBenchRequestProblem({ ...REQUEST, batch: 0 })).toMatch(/batch/);
    expect(kernelBenchRequestProblem({ ...REQUEST, budgetSeconds: 0 })).toMatch(/budget/);
    expect(kernelBenchRequestProblem({ ...REQUEST, reps: 0.5 })).toMatch(/Timed calls/);
  });
});
