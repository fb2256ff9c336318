// Learns of the training worker's death the moment it happens, quiet or not. The worker holds a Web
// Lock for its whole life (src/worker/lifeLock.ts); the page queues for the same lock, and the
// browser grants it when the worker ends: self.close(), a crash, or being killed for memory, none of
// which fires any event on the Worker object. A worker that is merely busy keeps the lock.

export type LockRequester = Pick<LockManager, 'request'>;

/** The browser's lock manager, or null where there is none (insecure context, old browser, Node). */
export function browserLocks(): LockRequester | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** A lock name no other worker (or tab) uses. */
export function lifeLockName(): string {
  return `alexnet-training-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Calls `onDeath` once the lock `name`, held by the worker, is released. Call only after the worker
 * said it holds it. The returned function stops watching (before the page ends the worker itself).
 */
export function watchForDeath(locks: LockRequester, name: string, onDeath: () => void): () => void {
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => {
      if (!abort.signal.aborted) onDeath();
    })
    .catch(() => {
      // Aborted by the returned function: the page ended the worker on purpose.
    });
  return () => abort.abort();
}
