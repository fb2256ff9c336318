// A panel's request to the worker as React state: `run` asks (cancelling the panel's previous
// request), and the panel reads the answer, the failure and whether one is loading, each only for
// the key it passes (the model that answers): a new model hides what an older one said. Unmounting
// cancels what is under way.

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { LatestRequest } from './latestRequest';

export interface Request<T> {
  /** The newest answer for `key`, or null. */
  value: T | null;
  /** Why the newest request for `key` failed, or null. */
  error: string | null;
  /** A request for `key` is under way. */
  loading: boolean;
  /** Asks for `key`; the task gets the signal to hand to the client's call. */
  run: (task: (signal: AbortSignal) => Promise<T>) => Promise<void>;
  /** Cancels what is under way and forgets the answer. */
  reset: () => void;
}

export function useRequest<T>(key: unknown): Request<T> {
  const [request] = useState(() => new LatestRequest<T>());
  const state = useSyncExternalStore(request.subscribe, request.getState);
  useEffect(() => () => request.reset(), [request]);
  const run = useCallback(
    (task: (signal: AbortSignal) => Promise<T>) => request.run(key, task),
    [request, key],
  );
  const reset = useCallback(() => request.reset(), [request]);
  return {
    value: state.answer && state.answer.key === key ? state.answer.value : null,
    error: state.failure && state.failure.key === key ? state.failure.message : null,
    loading: state.loadingKey?.key === key,
    run,
    reset,
  };
}
