// One tab trains at a time. Every tab's worker shares the app's storage (one checkpoint slot, one
// run history), so two runs at once would overwrite each other's checkpoints. A run holds the Web
// Lock TRAINING_LOCK for its whole life, taken only if free, plus a lock named after its run id, so
// other tabs can tell which run is live (not "interrupted") and leave its checkpoint and record
// alone. The browser lets both go when the run ends, the worker is ended, or the tab closes or crashes.

export const TRAINING_LOCK = 'alexnet-webgpu/training';
const RUN_LOCK_PREFIX = 'alexnet-webgpu/run/';

/** What the session needs of navigator.locks; absent in Node and old engines (then nothing is shared). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; mode?: 'exclusive' | 'shared' },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** What the other tabs of this app are doing, as the Web Locks they hold say. */
export interface OtherTabs {
  training: boolean;
  runIds: string[];
}

export function browserLockManager(): LockManagerLike | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return (locks as LockManagerLike | undefined) ?? null;
}

/** Holds a lock until `release` is called; null when it was not free. */
async function holdIfFree(
  locks: LockManagerLike,
  name: string,
): Promise<{ release: () => void } | null> {
  let release = () => {};
  const held = new Promise<boolean>((resolveHeld) => {
    void locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolveHeld(false);
          return Promise.resolve();
        }
        resolveHeld(true);
        return new Promise<void>((done) => (release = done));
      })
      .catch(() => resolveHeld(false));
  });
  return (await held) ? { release: () => release() } : null;
}

export class TrainingLock {
  private training: { release: () => void } | null = null;
  private run: { release: () => void } | null = null;
  private runName: string | null = null;

  constructor(private readonly locks: LockManagerLike | null) {}

  /** Takes the training lock; false when another tab holds it. Always true without Web Locks. */
  async acquire(): Promise<boolean> {
    if (!this.locks) return true;
    this.training = await holdIfFree(this.locks, TRAINING_LOCK);
    return this.training !== null;
  }

  /** Marks `runId` as live for the other tabs, while the training lock is held. */
  async markRun(runId: string): Promise<void> {
    if (!this.locks || !this.training) return;
    this.runName = RUN_LOCK_PREFIX + runId;
    this.run = await holdIfFree(this.locks, this.runName);
  }

  release(): void {
    this.run?.release();
    this.run = null;
    this.runName = null;
    this.training?.release();
    this.training = null;
  }

  /** Whether another tab is training now, and the ids of the runs it trains. */
  async elsewhere(): Promise<OtherTabs> {
    if (!this.locks) return { training: false, runIds: [] };
    const { held = [] } = await this.locks.query().catch(() => ({ held: [] }));
    const names = held.map((lock) => lock.name ?? '');
    const own = this.runName;
    const runIds = names
      .filter((name) => name.startsWith(RUN_LOCK_PREFIX) && name !== own)
      .map((name) => name.slice(RUN_LOCK_PREFIX.length));
    return { training: !this.training && names.includes(TRAINING_LOCK), runIds };
  }

  /** Resolves when no tab holds the training lock (a shared request waits behind the holder). */
  whenFree(): Promise<void> {
    if (!this.locks) return Promise.resolve();
    return this.locks
      .request(TRAINING_LOCK, { mode: 'shared' }, () => Promise.resolve())
      .then(() => undefined);
  }
}
