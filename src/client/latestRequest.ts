// One panel's request to the worker, of which only the newest counts: a new one cancels the one
// before (its AbortSignal fires, so the client drops its answer), and what each returns is kept
// with the key it was asked for (the model that answered), so a panel never shows an answer or a
// failure that belongs to a model since replaced. useRequest.ts is the React face of it.

export interface RequestState<T> {
  /** The newest answer, and the key it was asked for. Kept while a newer request loads. */
  answer: { key: unknown; value: T } | null;
  /** Why the newest request failed, for its key. */
  failure: { key: unknown; message: string } | null;
  /** The key of the request under way, if one is. */
  loadingKey: { key: unknown } | null;
}

const IDLE: RequestState<never> = { answer: null, failure: null, loadingKey: null };

export class LatestRequest<T> {
  private state: RequestState<T> = IDLE;
  private current: AbortController | null = null;
  private readonly listeners = new Set<() => void>();

  readonly getState = (): RequestState<T> => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `task` for `key`, cancelling the request before it; settles once `task` has. */
  async run(key: unknown, task: (signal: AbortSignal) => Promise<T>): Promise<void> {
    this.current?.abort();
    const mine = new AbortController();
    this.current = mine;
    this.set({ ...this.state, loadingKey: { key } });
    try {
      const value = await task(mine.signal);
      if (this.current === mine)
        this.set({ answer: { key, value }, failure: null, loadingKey: null });
    } catch (error) {
      if (this.current !== mine) return; // superseded: its failure is no longer news
      const message = error instanceof Error ? error.message : String(error);
      this.set({ ...this.state, failure: { key, message }, loadingKey: null });
    } finally {
      if (this.current === mine) this.current = null;
    }
  }

  /** Forgets everything, cancelling the request under way. */
  reset(): void {
    this.current?.abort();
    this.current = null;
    this.set(IDLE);
  }

  private set(state: RequestState<T>): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
