// Everything the training worker does, as a class that takes commands and posts events through a
// callback, so the protocol flows can be unit-tested in Node on the CPU backend. Every command
// carries an id; its answer (or an error) carries the same id. The backend, kernels, GPU watch and
// GPU data belong to one Engine (src/engine), started by `init`; the run is trainingRun.ts, the
// model files modelFileCommands.ts, the questions to the model modelRequests.ts.

import {
  Engine,
  describeError,
  type EngineHooks,
  type ErrorContext,
  type LoadedModel,
  type Predictor,
  type Trainer,
} from '../engine';
import type { BackendName, ErrorScope, KernelMode, WorkerCommand, WorkerEvent } from '../protocol';
import { dispatchCommand, type CommandHandlers } from './dispatchCommand';
import { DatasetLoader, type DatasetSource } from './datasetLoader';
import { holdLifeLock } from './lifeLock';
import { ModelFileCommands } from './modelFileCommands';
import { ModelRequests } from './modelRequests';
import { Persistence, type PersistenceOptions, type StorageCommand } from './persistence';
import { RunLauncher } from './runLauncher';

export type { DatasetSource } from './datasetLoader';
export { NO_MODEL_MESSAGE } from './modelRequests';
export { NO_MODEL_TO_EXPORT, NO_MODEL_TO_SAVE } from './modelFileCommands';

export interface SessionOptions {
  post: (event: WorkerEvent) => void;
  dataSource: DatasetSource;
  /** Replaceable for tests; defaults to the real WebGPU -> WebGL -> CPU selection. */
  selectBackend?: EngineHooks['selectBackend'];
  /** Takes a Web Lock for the worker's life; resolves whether it is held. Defaults to navigator.locks. */
  holdLifeLock?: (name: string) => Promise<boolean>;
  /** IndexedDB and the storage estimate; the browser's by default. */
  storage?: PersistenceOptions;
  /** The sampled step profile of the Performance panel; on unless false (`npm run bench --
   * --profile off` measures what it costs). */
  profileSteps?: boolean;
}

/** What `release` frees, each level including the ones before it. */
type ReleaseLevel = 'model' | 'gpu-data' | 'backend';

export class TrainingSession {
  private engine: Engine | null = null;
  private readonly dataset: DatasetLoader;
  private trainer: Trainer | null = null;
  /** A model made from files (`loadModel`), while no run has replaced it. */
  private loaded: LoadedModel | null = null;
  private readonly persistence: Persistence;
  /** Train, Resume, pause / resume / stop: the run and its control. */
  private readonly runs: RunLauncher;
  /** Set when the backend failed for good (lost device): only a new `init` clears it. */
  private broken = false;
  /** Predictions and inspections: whatever asks the current model. */
  private readonly modelRequests = new ModelRequests({
    predictor: () => this.predictor,
    trainer: () => this.trainer,
    testImages: () => this.dataset.loaded?.test,
    post: (event) => this.post(event),
    fail: (error, id) => this.fail('predict', error, { id }),
    throwIfGpuFailed: () => this.engine?.throwIfGpuFailed(),
  });
  private readonly modelFiles = new ModelFileCommands({
    predictor: () => this.predictor,
    epochsDone: () => this.epochsDone,
    runPosition: () => {
      if (!this.runs.isRunning) return null;
      const { epoch, imagesDone, imagesTotal } = this.runs.progress ?? {
        epoch: this.epochsDone + 1,
        imagesDone: 0,
        imagesTotal: 0,
      };
      return { epoch, imagesDone, imagesTotal };
    },
    loadRefusal: () => {
      if (this.runs.isRunning) return 'Stop training before loading a model.';
      if (this.broken) return 'The GPU stopped working: restart the worker first.';
      return null;
    },
    // Before any backend, the stock ops: they run wherever tfjs does.
    kernels: () => this.engine?.kernels ?? 'stock',
    replaceModel: (model) => {
      this.release('model');
      this.loaded = model;
    },
    post: (event) => this.post(event),
    fail: (error, id) => this.fail('storage', error, { id }),
    throwIfGpuFailed: () => this.engine?.throwIfGpuFailed(),
  });

  constructor(private readonly options: SessionOptions) {
    this.persistence = new Persistence(options.storage);
    this.runs = new RunLauncher(
      {
        engine: () => this.engine,
        data: () => this.dataset.loaded,
        isBroken: () => this.broken,
        predictor: () => this.predictor,
        adoptTrainer: (trainer) => (this.trainer = trainer),
        release: (level) => this.release(level),
        post: (event) => this.post(event),
        fail: (scope, error, extra) => this.fail(scope, error, extra),
        profileSteps: this.options.profileSteps !== false,
      },
      this.persistence,
    );
    // Another tab started or ended a run, or changed what is stored: show it here too.
    this.persistence.onOtherTabChange = () =>
      void this.persistence.report().then((report) => this.post({ type: 'stored', report }));
    this.dataset = new DatasetLoader(
      options.dataSource,
      options.post,
      (error, id) => this.fail('data', error, { id }),
      // The GPU copy belongs to the data being replaced, and so does a trained model's run; a model
      // loaded from files does not depend on the data and stays the current model.
      () => this.release('gpu-data', { keepLoaded: true }),
    );
  }

  /** One handler per command (dispatchCommand.ts); each answers its command or fails it. */
  private readonly handlers: CommandHandlers = {
    attach: (cmd) => this.attach(cmd.id, cmd.lifeLock),
    ping: (cmd) => this.post({ type: 'pong', id: cmd.id }),
    init: (cmd) => this.init(cmd.id, cmd.backend, cmd.kernels),
    loadData: (cmd) => {
      if (this.runs.isRunning) {
        // Scope 'training': the run goes on, and the loaded data with it.
        const error = new Error('Stop training before reloading the data.');
        return this.fail('training', error, { id: cmd.id });
      }
      return this.dataset.load(cmd.id, cmd.baseUrl);
    },
    train: (cmd) => this.runs.train(cmd.id, cmd.config, cmd.fromCurrentWeights === true),
    resumeCheckpoint: (cmd) => this.runs.resumeCheckpoint(cmd.id),
    pause: (cmd) => this.runs.command(cmd.id, 'pause'),
    resume: (cmd) => this.runs.command(cmd.id, 'resume'),
    stop: (cmd) => this.runs.command(cmd.id, 'stop'),
    predict: (cmd) => this.modelRequests.handle(cmd),
    classifySamples: (cmd) => this.modelRequests.handle(cmd),
    confusionExamples: (cmd) => this.modelRequests.handle(cmd),
    firstLayerFilters: (cmd) => this.modelRequests.handle(cmd),
    inspect: (cmd) => this.modelRequests.handle(cmd),
    listStored: (cmd) => this.storage(cmd),
    discardCheckpoint: (cmd) => this.storage(cmd),
    renameRun: (cmd) => this.storage(cmd),
    deleteRun: (cmd) => this.storage(cmd),
    removeDamagedRuns: (cmd) => this.storage(cmd),
    setCheckpointMode: (cmd) => this.storage(cmd),
    saveModel: (cmd) => this.modelFiles.save(cmd.id),
    loadModel: (cmd) => this.modelFiles.load(cmd.id, cmd.files),
    exportOnnx: (cmd) => this.modelFiles.exportOnnx(cmd.id),
  };

  /** Handles one command. Never rejects: failures become `error` events. `train` resolves when the run ends. */
  handle(cmd: WorkerCommand): Promise<void> {
    return dispatchCommand(this.handlers, cmd);
  }

  /** The WebGPU device in use, if any: for the test builds' fault injection (faultInjection.ts). */
  get gpuDevice(): GPUDevice | undefined {
    return this.engine?.device;
  }

  private post(event: WorkerEvent): void {
    this.options.post(event);
  }

  private fail(scope: ErrorScope, error: unknown, extra: { id?: number; ctx?: ErrorContext } = {}) {
    const described = describeError(error, { backend: this.engine?.info.name, ...extra.ctx });
    if (described.fatal) this.markBroken();
    this.post({
      type: 'error',
      scope,
      message: described.message,
      fatal: described.fatal,
      ...(extra.id !== undefined ? { id: extra.id } : {}),
    });
  }

  /** The backend is gone: a run ends (and frees its model as it unwinds); an idle session frees now. */
  private markBroken(): void {
    this.broken = true;
    if (this.runs.isRunning) this.runs.stop();
    else this.release('gpu-data');
  }

  /**
   * The one path by which the session frees what it holds. 'model': the trained weights (a new
   * run replaces them, a failed run's may be garbage); 'gpu-data': also the dataset's GPU copy
   * (new data, or a failed upload that may have left it half-made); 'backend': also the engine,
   * with its GPU watch and device (a new init).
   */
  private release(level: ReleaseLevel, { keepLoaded = false } = {}): void {
    this.trainer?.dispose();
    this.trainer = null;
    if (!keepLoaded) {
      this.loaded?.dispose();
      this.loaded = null;
    }
    if (level === 'model') return;
    this.engine?.releaseData();
    if (level === 'gpu-data') return;
    this.engine?.dispose();
    this.engine = null;
  }

  private storage(cmd: StorageCommand): Promise<void> {
    return this.persistence
      .handle(cmd, (e) => this.post(e))
      .catch((error: unknown) => this.fail('storage', error, { id: cmd.id }));
  }

  private async attach(id: number, lifeLock: string | null): Promise<void> {
    const held = lifeLock ? await (this.options.holdLifeLock ?? holdLifeLock)(lifeLock) : false;
    this.post({ type: 'attached', id, lifeLockHeld: held });
  }

  private async init(id: number, requested?: BackendName, kernels?: KernelMode): Promise<void> {
    // Scope 'training': the page reads a 'backend' error as a dead worker, and the run goes on.
    if (this.runs.isRunning) {
      return this.fail('training', new Error('Stop training before changing backend.'), { id });
    }
    this.release('backend');
    try {
      const engine = await Engine.start(
        { ...(requested ? { backend: requested } : {}), kernels: kernels ?? 'own' },
        {
          ...(this.options.selectBackend ? { selectBackend: this.options.selectBackend } : {}),
          // Posted the moment `device.lost` resolves, whatever the session is doing.
          onDeviceLost: (error) => {
            if (this.engine === engine && !this.broken) this.fail('backend', error);
          },
        },
      );
      this.engine = engine;
      this.broken = false;
      this.post({ type: 'ready', id, backend: engine.info });
    } catch (error) {
      this.fail('backend', error, { id });
    }
  }

  /** The model that answers predictions: the run's, or one loaded from files. */
  private get predictor(): Predictor | null {
    return this.trainer ?? this.loaded;
  }

  private get epochsDone(): number {
    return this.trainer ? this.trainer.epochsDone : (this.loaded?.epochsDone ?? 0);
  }
}
