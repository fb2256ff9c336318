import { describe, expect, it } from 'vitest';
import { LatestRequest } from './latestRequest';

/** A task the test settles by hand, recording whether its signal was aborted. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  let signal: AbortSignal | null = null;
  const task = (s: AbortSignal) => {
    signal = s;
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return {
    task,
    resolve: (v: T) => resolve(v),
    reject: (e: Error) => reject(e),
    aborted: () => signal?.aborted,
  };
}

describe('LatestRequest', () => {
  it('keeps only the newest answer: an older request is cancelled and its late answer dropped', async () => {
    const request = new LatestRequest<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const one = request.run('a', first.task);
    const two = request.run('b', second.task);
    expect(first.aborted()).toBe(true);
    second.resolve('new');
    first.resolve('old');
    await Promise.all([one, two]);
    expect(request.getState()).toEqual({
      answer: { key: 'b', value: 'new' },
      failure: null,
      loadingKey: null,
    });
  });

  it('stops loading on a failure, keeps the last answer beside it, and drops a superseded failure', async () => {
    const request = new LatestRequest<string>();
    const ok = deferred<string>();
    const run1 = request.run(1, ok.task);
    ok.resolve('filters');
    await run1;
    const failing = deferred<string>();
    const newer = deferred<string>();
    const run2 = request.run(1, failing.task);
    expect(request.getState().loadingKey).toEqual({ key: 1 });
    failing.reject(new Error('No answer within 2 minutes.'));
    await run2;
    expect(request.getState()).toEqual({
      answer: { key: 1, value: 'filters' },
      failure: { key: 1, message: 'No answer within 2 minutes.' },
      loadingKey: null,
    });
    const stale = deferred<string>();
    const run3 = request.run(2, stale.task);
    const run4 = request.run(2, newer.task);
    stale.reject(new Error('cancelled'));
    newer.resolve('fresh');
    await Promise.all([run3, run4]);
    expect(request.getState()).toEqual({
      answer: { key: 2, value: 'fresh' },
      failure: null,
      loadingKey: null,
    });
  });

  it('forgets everything on reset, cancelling what is under way', async () => {
    const request = new LatestRequest<string>();
    const pending = deferred<string>();
    const run = request.run(1, pending.task);
    request.reset();
    expect(pending.aborted()).toBe(true);
    pending.resolve('late');
    await run;
    expect(request.getState()).toEqual({ answer: null, failure: null, loadingKey: null });
  });
});
