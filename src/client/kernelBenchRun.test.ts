import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KernelBenchEvent, KernelBenchRequest } from '../protocol';
import {
  KERNEL_BENCH_DEADLINE_SLACK_S as DEADLINE_SLACK_S,
  KERNEL_BENCH_STOP_GRACE_MS as STOP_GRACE_MS,
  kernelBenchDeadlineMs,
} from '../protocol';
import { KernelBenchRun } from './kernelBenchRun';
import { FakeBenchWorker } from './testing/fakeBenchWorker';
import type { KernelBenchAction } from './kernelBenchState';

const REQUEST: KernelBenchRequest = {
  model: 'alexnet-mini',
  batch: 8,
  layers: null,
  budgetSeconds: 15,
  reps: 3,
};
const REPORT = { rows: [] } as unknown as Extract<KernelBenchEvent, { type: 'finished' }>['report'];

const lostMessage = (actions: KernelBenchAction[]) => {
  const last = actions.at(-1);
  return last?.type === 'lost' ? last.message : null;
};

function startRun() {
  const worker = new FakeBenchWorker();
  const actions: KernelBenchAction[] = [];
  const run = new KernelBenchRun(worker, REQUEST, (a) => actions.push(a));
  const types = () => actions.map((a) => a.type);
  return { worker, actions, run, types };
}

describe('KernelBenchRun', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts the worker, hands its events on, and ends it with the report', () => {
    const { worker, run, types } = startRun();
    expect(worker.sent).toEqual([{ type: 'start', id: run.id, request: REQUEST }]);
    worker.say({ type: 'finished', report: REPORT });
    expect(types()).toEqual(['start', 'finished']);
    expect(worker.terminated).toBe(true);
    vi.advanceTimersByTime(kernelBenchDeadlineMs(REQUEST));
    expect(types()).toEqual(['start', 'finished']);
  });

  it('ends a worker that does not answer Stop within the grace, saying so', () => {
    const { worker, run, actions, types } = startRun();
    run.stop();
    expect(worker.sent.at(-1)).toEqual({ type: 'stop', id: run.id });
    vi.advanceTimersByTime(STOP_GRACE_MS - 1);
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(types()).toEqual(['start', 'stop', 'lost']);
    expect(lostMessage(actions)).toMatch(/did not end in time/);
    expect(worker.terminated).toBe(true);
  });

  it('keeps a worker that answers Stop with its report', () => {
    const { worker, run, types } = startRun();
    run.stop();
    worker.say({ type: 'finished', report: REPORT });
    vi.advanceTimersByTime(STOP_GRACE_MS);
    expect(types()).toEqual(['start', 'stop', 'finished']);
  });

  it('stops a run still going at twice its budget plus the slack, and ends it if silent', () => {
    const { worker, run, actions, types } = startRun();
    const deadline = (2 * REQUEST.budgetSeconds + DEADLINE_SLACK_S) * 1000;
    expect(kernelBenchDeadlineMs(REQUEST)).toBe(deadline);
    worker.say({ type: 'row', row: {} as never, rowsDone: 1, totalRows: 9 });
    vi.advanceTimersByTime(deadline - 1);
    expect(worker.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(worker.sent.at(-1)).toEqual({ type: 'stop', id: run.id });
    vi.advanceTimersByTime(STOP_GRACE_MS);
    expect(types()).toEqual(['start', 'row', 'stop', 'lost']);
    expect(lostMessage(actions)).toMatch(/still running 150 s/);
    expect(worker.terminated).toBe(true);
  });

  it('gives each run its own id and takes only the events that carry it', () => {
    const first = startRun();
    const { worker, run, actions, types } = startRun();
    expect(run.id).toBeGreaterThan(first.run.id);
    worker.say({ type: 'finished', report: REPORT }, first.run.id);
    expect(types()).toEqual(['start']);
    expect(worker.terminated).toBe(false);
    worker.say({ type: 'failed', message: 'no adapter' });
    expect(actions.at(-1)).toEqual({ type: 'failed', message: 'no adapter' });
    expect(worker.terminated).toBe(true);
  });

  it('reports a crashed worker and ignores anything it says afterwards', () => {
    const { worker, types } = startRun();
    worker.crash('out of memory');
    worker.say({ type: 'finished', report: REPORT });
    expect(types()).toEqual(['start', 'lost']);
    expect(worker.terminated).toBe(true);
  });
});
