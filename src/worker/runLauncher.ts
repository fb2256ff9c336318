// The training commands of the session: Train (fresh, or from the current weights), Resume a stored
// checkpoint, and pause / resume / stop. Refuses what cannot start, answering the request; else
// holds the one-tab lock and runs trainingRun.ts to its end.

import {
  readWeights,
  type Engine,
  type EngineData,
  type ErrorContext,
  type Predictor,
  type StepProgress,
  type Trainer,
} from '../engine';
import type { ErrorScope, TrainConfig, WorkerEvent } from '../protocol';
import { OTHER_TAB_TRAINING, type Persistence } from './persistence';
import { RunControl } from './runControl';
import { runTraining, type RunOrigin } from './trainingRun';

/** What the training commands need of the session. */
export interface RunLauncherHost {
  engine(): Engine | null;
  data(): EngineData | null;
  /** True once the backend failed for good: only a new init clears it. */
  isBroken(): boolean;
  /** The current model: the run's, or one loaded from files. */
  predictor(): Predictor | null;
  /** Makes the run's trainer the current model, the moment it exists. */
  adoptTrainer(trainer: Trainer): void;
  /** Frees the current model ('model'), or that and the GPU copy of the data ('gpu-data'). */
  release(level: 'model' | 'gpu-data'): void;
  post(event: WorkerEvent): void;
  fail(scope: ErrorScope, error: unknown, extra?: { id?: number; ctx?: ErrorContext }): void;
  /** Whether runs sample a step profile now and then for the Performance panel. */
  profileSteps: boolean;
}

export class RunLauncher {
  /** The run going on (or waiting for the lock), if any. */
  private control: RunControl | null = null;
  /** The run's last progress report, for what an export mid-run says of its weights. */
  private lastProgress: StepProgress | null = null;

  constructor(
    private readonly host: RunLauncherHost,
    private readonly persistence: Persistence,
  ) {}

  get isRunning(): boolean {
    return this.control !== null;
  }

  /** The running run's last progress report; null before its first or between runs. */
  get progress(): StepProgress | null {
    return this.control ? this.lastProgress : null;
  }

  /** Asks the run to stop (a lost device): it ends before its next step. */
  stop(): void {
    this.control?.stop();
  }

  async train(id: number, config: TrainConfig, fromCurrentWeights: boolean): Promise<void> {
    if (!fromCurrentWeights) return this.start(id, config, { kind: 'fresh' });
    const current = this.host.predictor();
    if (!current || current.spec.name !== config.model) {
      const have = current ? `the current model is ${current.spec.name}` : 'there is no model yet';
      const why = `Cannot continue from the current weights: ${have}, and the run is for ${config.model}.`;
      return this.refuse(id, why);
    }
    const snapshot = { weights: (await readWeights(current.model)).weights, optimizer: null };
    return this.start(id, config, { kind: 'weights', snapshot });
  }

  /** Restores the stored checkpoint into a new run that goes on from the epoch after it. */
  async resumeCheckpoint(id: number): Promise<void> {
    if (this.control) return this.refuse(id, 'A training run is already going: stop it first.');
    let loaded;
    try {
      loaded = await (await this.persistence.stores()).checkpoints.load();
    } catch (error) {
      return this.host.fail('storage', error, { id });
    }
    if (!loaded) {
      return this.host.fail('storage', new Error('There is no checkpoint to resume.'), { id });
    }
    const { summary, snapshot } = loaded;
    return this.start(id, summary.config, { kind: 'checkpoint', summary, snapshot });
  }

  command(id: number, command: 'pause' | 'resume' | 'stop'): void {
    const run = this.control;
    if (!run) return this.refuse(id, `No training run to ${command}.`);
    if (command === 'pause') {
      run.pause();
      this.host.post({ type: 'paused', id });
    } else if (command === 'resume') {
      run.resume();
      this.host.post({ type: 'resumed', id });
    } else {
      run.stop();
      this.host.post({ type: 'stopping', id });
    }
  }

  private refuse(id: number, message: string): void {
    this.host.fail('training', new Error(message), { id });
  }

  /** Refuses what cannot start (answering `id`), or starts a run: `trainStarted`, then `done`. */
  private async start(id: number, config: TrainConfig, origin: RunOrigin): Promise<void> {
    const { host, persistence } = this;
    if (this.control) return this.refuse(id, 'A training run is already going: stop it first.');
    if (host.isBroken())
      return this.refuse(id, 'The GPU stopped working: restart the worker or reload the page.');
    const engine = host.engine();
    if (!engine) return this.refuse(id, 'The worker has no backend yet: send init first.');
    const data = host.data();
    if (!data) return this.refuse(id, 'The dataset is not loaded yet: load it before training.');
    // A config the run cannot use is refused before the current model is thrown away, by the same
    // rules the page's form applies (src/protocol/configRules).
    try {
      engine.checkConfig(config, data);
    } catch (error) {
      return host.fail('training', error, { id });
    }

    // Another tab's run would have its checkpoints overwritten by this one's: one tab trains at a time.
    const control = new RunControl(() => engine.throwIfGpuFailed());
    this.control = control; // held while waiting for the lock, so a second Train here is refused too
    if (!(await persistence.lock.acquire())) {
      this.control = null;
      return this.refuse(id, OTHER_TAB_TRAINING);
    }
    host.release('model');
    engine.clearGpuFailure(); // an error raised before this run (by a prediction) is not its own
    this.lastProgress = null;
    try {
      await runTraining(
        { id, config, origin, engine, data, control, persistence, profileSteps: host.profileSteps },
        {
          post: (event) => host.post(event),
          fail: (scope, error, extra) => host.fail(scope, error, extra),
          isBroken: () => host.isBroken(),
          adoptTrainer: (trainer) => host.adoptTrainer(trainer),
          progress: (progress) => (this.lastProgress = progress),
          release: (level) => host.release(level),
        },
      );
    } finally {
      this.control = null;
      persistence.lock.release();
      persistence.announceChange();
    }
  }
}
