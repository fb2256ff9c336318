// A worker that crashes, is ended, dies quietly or stops answering. Requests are in
// TrainerClient.test.ts.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_DEATH_MESSAGE } from './TrainerClient';
import { FakeLocks, predictOf, setup } from './testing/fakeTrainerWorker';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainerClient failures', () => {
  it('turns a worker crash into a fatal error event and rejects pending requests', async () => {
    const { worker, client, events } = setup();
    const pending = predictOf(client);
    worker.crash('out of memory');
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', scope: 'protocol', fatal: true }),
    ]);
  });

  it('rejects pending requests on a fatal error event from the worker', async () => {
    const { worker, client } = setup();
    const pending = predictOf(client);
    worker.answer({ type: 'error', scope: 'backend', fatal: true, message: 'GPU device lost.' });
    await expect(pending).rejects.toThrow('GPU device lost.');
  });

  it('terminates the worker once, rejects what is pending and refuses new work', async () => {
    const { worker, client, events } = setup();
    const pending = predictOf(client);
    client.terminate();
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toThrow(/shut down/);
    worker.answer({ type: 'epoch', metrics: {} as never });
    expect(events).toEqual([]);
    await expect(predictOf(client)).rejects.toThrow(/shut down/);
  });

  it('still terminates a worker that crashed earlier', () => {
    const { worker, client } = setup();
    worker.crash('boom');
    client.terminate();
    expect(worker.terminated).toBe(true);
  });
});

describe('TrainerClient death watch and heartbeat', () => {
  it('reports a quiet death the moment the worker lets go of its life lock', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const { id, lifeLock } = worker.last('attach');
    expect(lifeLock).toMatch(/^alexnet-training-worker-/);
    locks.holdAsWorker(lifeLock ?? '');
    worker.answer({ type: 'attached', id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(0);
    const pending = predictOf(client);
    locks.releaseAsWorker(lifeLock ?? ''); // what self.close() does
    await expect(pending).rejects.toThrow(QUIET_DEATH_MESSAGE);
    expect(events.at(-1)).toEqual({
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: QUIET_DEATH_MESSAGE,
    });
  });

  it('does not report a death when the page ends the worker itself', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const { id, lifeLock } = worker.last('attach');
    worker.answer({ type: 'attached', id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(0);
    client.terminate();
    locks.releaseAsWorker(lifeLock ?? '');
    await vi.advanceTimersByTimeAsync(0);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('says a worker is silent within 7 s of its last answer, and when it answers again', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const attach = worker.last('attach');
    worker.answer({ type: 'attached', id: attach.id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(1000);
    const firstPing = worker.last('ping');
    worker.answer({ type: 'pong', id: firstPing.id });
    await vi.advanceTimersByTimeAsync(1000); // the next ping goes out, and stays unanswered
    const unanswered = worker.last('ping');
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.some((e) => e.type === 'client/silent')).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.filter((e) => e.type === 'client/silent')).toEqual([
      { type: 'client/silent', stillRunning: true },
    ]);
    expect(worker.last('ping').id).toBe(unanswered.id); // no pile of pings behind it
    worker.answer({ type: 'pong', id: unanswered.id });
    expect(events.at(-1)).toEqual({ type: 'client/answering' });
    // Pongs are the heartbeat's business, not the page's.
    expect(events.some((e) => e.type === 'pong')).toBe(false);
  });

  it('cannot say the worker is still running without a life lock', async () => {
    const { client, events } = setup({ locks: null });
    client.attach();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toContainEqual({ type: 'client/silent', stillRunning: false });
  });
});
