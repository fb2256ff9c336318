import { describe, expect, it } from 'vitest';
import { TrainingLock, type LockManagerLike } from './trainingLock';

/** Web Locks as one origin's tabs share them: exclusive and `ifAvailable` only, which is all the lock uses. */
function sharedLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        return Promise.reject(new Error('waiting requests are not modelled here'));
      }
      held.add(name);
      return callback({ name }).finally(() => held.delete(name));
    },
    query: () => Promise.resolve({ held: [...held].map((name) => ({ name })) }),
  };
}

describe('TrainingLock', () => {
  it('lets one tab train at a time, and tells the others which run is live', async () => {
    const locks = sharedLocks();
    const first = new TrainingLock(locks);
    const second = new TrainingLock(locks);
    expect(await first.acquire()).toBe(true);
    await first.markRun('run-a');
    expect(await second.acquire()).toBe(false);
    expect(await second.elsewhere()).toEqual({ training: true, runIds: ['run-a'] });
    expect(await first.elsewhere()).toEqual({ training: false, runIds: [] });

    first.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(await second.elsewhere()).toEqual({ training: false, runIds: [] });
    expect(await second.acquire()).toBe(true);
  });

  it('trains where there are no Web Locks', async () => {
    const alone = new TrainingLock(null);
    expect(await alone.acquire()).toBe(true);
    expect(await alone.elsewhere()).toEqual({ training: false, runIds: [] });
  });
});
