// The kernel benchmark worker's message handling, in Node: a stand-in for the worker's global scope,
// and the backend and the benchmark itself replaced, so that what is tested is the id on every
// event, Stop for this run only, and the refusal of a second start.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KernelBenchCommand, KernelBenchEvent, KernelBenchRequest } from '../../protocol';
import type { BrowserBenchOptions } from './browserKernelBench';

const scope = vi.hoisted(() => {
  const target = new EventTarget();
  const posted: unknown[] = [];
  const fake = Object.assign(target, {
    name: 'kernel-bench',
    posted,
    postMessage: (message: unknown) => void posted.push(message),
  });
  vi.stubGlobal('self', fake);
  vi.stubGlobal('navigator', { userAgent: 'test', hardwareConcurrency: 2 });
  return fake;
});

/** The benchmark's options as the worker handed them over, and a way to end it. */
const bench = vi.hoisted(() => ({
  options: null as BrowserBenchOptions | null,
  finish: () => {},
}));

vi.mock('../../runtime/backendSelection', () => ({
  selectBackend: () => Promise.resolve({ info: { name: 'webgpu' }, device: undefined }),
}));
vi.mock('./browserKernelBench', () => ({
  runBrowserKernelBench: (options: BrowserBenchOptions) =>
    new Promise<void>((resolve) => {
      bench.options = options;
      bench.finish = resolve;
    }),
}));

import './kernelBench.worker';

const REQUEST: KernelBenchRequest = {
  model: 'alexnet-mini',
  batch: 8,
  layers: ['conv2'],
  budgetSeconds: 15,
  reps: 3,
};

const send = (command: KernelBenchCommand) =>
  scope.dispatchEvent(Object.assign(new Event('message'), { data: command }));
const events = () => scope.posted as KernelBenchEvent[];

describe('kernel benchmark worker', () => {
  beforeEach(() => {
    scope.posted.length = 0;
  });

  it('tags every event with its run, takes Stop for that run only, and refuses a second start', async () => {
    send({ type: 'start', id: 7, request: REQUEST });
    await vi.waitFor(() => expect(bench.options).not.toBeNull());
    const options = bench.options!;

    options.post({ type: 'failed', message: 'only a test' });
    expect(events()).toEqual([{ type: 'failed', message: 'only a test', id: 7 }]);

    send({ type: 'stop', id: 6 });
    expect(options.stopAsked()).toBe(false);
    send({ type: 'stop', id: 7 });
    expect(options.stopAsked()).toBe(true);

    send({ type: 'start', id: 8, request: REQUEST });
    expect(events().at(-1)).toEqual({
      type: 'failed',
      id: 8,
      message: 'This benchmark worker is already running benchmark 7.',
    });
    bench.finish();
  });
});
