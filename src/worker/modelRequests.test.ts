import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../protocol';
import type { Predictor } from '../engine';
import { MAX_MODEL_REQUESTS, ModelRequests, TOO_MANY_REQUESTS_MESSAGE } from './modelRequests';

describe('ModelRequests', () => {
  it('answers a bounded number of requests at once and refuses the excess at once', async () => {
    const waiting: (() => void)[] = [];
    const predictor = {
      predict: () =>
        new Promise<Float32Array>((resolve) => waiting.push(() => resolve(new Float32Array(10)))),
    } as unknown as Predictor;
    const posted: WorkerEvent[] = [];
    const failed: { id: number; message: string }[] = [];
    const requests = new ModelRequests({
      predictor: () => predictor,
      trainer: () => null,
      testImages: () => undefined,
      post: (event) => posted.push(event),
      fail: (error, id) => failed.push({ id, message: (error as Error).message }),
      throwIfGpuFailed: () => undefined,
    });
    const send = (id: number) =>
      requests.handle({ type: 'predict', id, pixels: new Float32Array(784) });

    const answers = Array.from({ length: MAX_MODEL_REQUESTS + 3 }, (_, i) => send(i + 1));
    expect(waiting).toHaveLength(MAX_MODEL_REQUESTS);
    await Promise.all(answers.slice(MAX_MODEL_REQUESTS));
    expect(failed.map((f) => f.id)).toEqual([9, 10, 11]);
    expect(failed[0]?.message).toBe(TOO_MANY_REQUESTS_MESSAGE);

    // Once answered, there is room again.
    waiting.splice(0).forEach((resolve) => resolve());
    await Promise.all(answers);
    expect(posted).toHaveLength(MAX_MODEL_REQUESTS);
    const later = send(12);
    expect(waiting).toHaveLength(1);
    waiting[0]!();
    await later;
    expect(posted.at(-1)).toMatchObject({ type: 'prediction', id: 12 });
  });
});
