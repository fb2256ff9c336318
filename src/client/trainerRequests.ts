// The page's requests that hold a control (Train, Resume, Pause/Resume/Stop, the storage buttons)
// or fill the page's state (backend, data, what is stored). Each goes through `client.call`; its
// answer is folded into the state like the run's events, its failure is put where it belongs, and
// the control it held is released when its promise settles, whichever way. Panels that ask the
// model something call the client themselves, through useRequest.

import type { CommandArgs, KernelMode, TrainConfig } from '../protocol';
import { TrainerRequestError, type TrainerClient } from './TrainerClient';
import type { StateCommand } from './trainerFailures';
import type { TrainerAction } from './trainerReducer';
import { NO_REQUESTS, type ControlCommand, type RequestsInFlight } from './trainerState';

export type StorageCommand = Extract<
  StateCommand,
  'discardCheckpoint' | 'renameRun' | 'deleteRun' | 'removeDamagedRuns' | 'setCheckpointMode'
>;

export class TrainerRequests {
  private inFlight: RequestsInFlight = NO_REQUESTS;
  private readonly listeners = new Set<() => void>();
  /** The data load whose progress the page shows; an older one is cancelled. */
  private loading: AbortController | null = null;

  constructor(
    private readonly client: TrainerClient,
    private readonly dispatch: (action: TrainerAction) => void,
  ) {}

  /** The requests under way now (a new object whenever they change). */
  get current(): RequestsInFlight {
    return this.inFlight;
  }

  /** Calls `listener` whenever `current` changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  init(kernels: KernelMode): void {
    this.client.call('init', { kernels }).then(this.dispatch, (e: unknown) => this.fail('init', e));
  }

  /** Loads the dataset, cancelling a load still under way: only the newest one's news is shown. */
  loadData(baseUrl: string): void {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.dispatch({ type: 'client/loadDataRequested' });
    const { signal } = loading;
    this.client.call('loadData', { baseUrl }, { signal, onProgress: this.dispatch }).then(
      (loaded) => {
        if (!signal.aborted) this.dispatch(loaded);
      },
      (e: unknown) => this.fail('loadData', e),
    );
  }

  listStored(): void {
    this.client
      .call('listStored', {})
      .then(this.dispatch, (e: unknown) => this.fail('listStored', e));
  }

  /** Starts a run (or continues the stored checkpoint's: `resume`). Ignored while one is starting. */
  start(config: TrainConfig, how: 'fresh' | 'fromCurrentWeights' | 'resume'): void {
    if (this.inFlight.starting) return;
    this.update({ starting: config });
    this.dispatch({ type: 'client/startRequested', resume: how === 'resume' });
    const asked =
      how === 'resume'
        ? this.client.call('resumeCheckpoint', {})
        : this.client.call(
            'train',
            how === 'fresh' ? { config } : { config, fromCurrentWeights: true },
          );
    asked.then(
      (started) => {
        this.dispatch(started);
        this.update({ starting: null });
      },
      (e: unknown) => {
        this.update({ starting: null });
        this.fail(how === 'resume' ? 'resumeCheckpoint' : 'train', e);
      },
    );
  }

  control(command: ControlCommand): void {
    this.update({ control: command });
    this.client.call(command, {}).then(
      (answer) => {
        this.dispatch(answer);
        if (this.inFlight.control === command) this.update({ control: null });
      },
      (e: unknown) => {
        if (this.inFlight.control === command) this.update({ control: null });
        this.fail(command, e);
      },
    );
  }

  /** A storage request: answered with what is stored now. */
  storage<K extends StorageCommand>(name: K, args: CommandArgs<K>): void {
    this.update({ storage: this.inFlight.storage + 1 });
    this.dispatch({ type: 'client/storageRequested' });
    const done = () => this.update({ storage: this.inFlight.storage - 1 });
    this.client.call(name, args).then(
      (stored) => {
        this.dispatch(stored);
        done();
      },
      (e: unknown) => {
        done();
        this.fail(name, e);
      },
    );
  }

  /** A cancelled request's caller moved on, and a gone worker's banner says it all already. */
  private fail(command: StateCommand, error: unknown): void {
    const request = error instanceof TrainerRequestError ? error : null;
    if (request?.failure === 'cancelled' || request?.failure === 'ended') return;
    const message = error instanceof Error ? error.message : String(error);
    this.dispatch({
      type: 'client/requestFailed',
      command,
      scope: request?.scope ?? null,
      message,
    });
  }

  private update(change: Partial<RequestsInFlight>): void {
    this.inFlight = { ...this.inFlight, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
