// Everything the training worker does, as a class that takes commands and posts events through a
// callback, so the protocol flows can be unit-tested in Node on the CPU backend. Every command
// carries an id; its answer (or an error) carries the same id.

import { describeError, type ErrorContext } from '../runtime/errorMessages';
import { StorageError } from '../storage/storageError';
import { readWeights, SnapshotMismatchError } from '../training/snapshot';
import { GpuImageSet } from '../training/gpuImages';
import { GpuFailureError, GpuHealth } from '../runtime/gpuHealth';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';
import { Trainer, type TrainingSets } from '../training/trainer';
import { StepProfiler } from '../training/stepProfiler';
import { validateTrainConfig } from '../training/trainConfig';
import type { Predictor } from '../training/predict';
import type {
  BackendName,
  CheckpointSummary,
  ErrorScope,
  KernelMode,
  ModelFile,
  TrainConfig,
  TrainerSnapshot,
  WorkerCommand,
  WorkerEvent,
} from '../protocol';
import { DivergenceWatch } from './divergenceWatch';
import { DatasetLoader, type DatasetSource } from './datasetLoader';
import { holdLifeLock } from './lifeLock';
import { checkModelFiles } from './modelFileCheck';
import { LoadedModel, writeModelFiles } from './modelFiles';
import { exportOnnx, onnxFileName } from './onnxExport';
import { OTHER_TAB_TRAINING, Persistence, type PersistenceOptions } from './persistence';
import { ModelRequests } from './modelRequests';
import { RunControl } from './runControl';
import { RunRecorder } from './runRecorder';

export type { DatasetSource } from './datasetLoader';

export interface SessionOptions {
  post: (event: WorkerEvent) => void;
  dataSource: DatasetSource;
  /** Replaceable for tests; defaults to the real WebGPU -> WebGL -> CPU selection. */
  selectBackend?: (requested?: BackendName, kernels?: KernelMode) => Promise<SelectedBackend>;
  /** Takes a Web Lock for the worker's life; resolves whether it is held. Defaults to navigator.locks. */
  holdLifeLock?: (name: string) => Promise<boolean>;
  /** IndexedDB and the storage estimate; the browser's by default. */
  storage?: PersistenceOptions;
  /** The sampled step profile of the Performance panel; on unless false (`npm run bench --
   * --profile off` measures what it costs). */
  profileSteps?: boolean;
}

/** Where a run's weights come from besides a fresh seeded start. */
type RunOrigin =
  | { kind: 'fresh' }
  | { kind: 'weights'; snapshot: TrainerSnapshot }
  | { kind: 'checkpoint'; summary: CheckpointSummary; snapshot: TrainerSnapshot };

export { NO_MODEL_MESSAGE } from './modelRequests';

/** What `release` frees, each level including the ones before it. */
type ReleaseLevel = 'model' | 'gpu-data' | 'backend';

export class TrainingSession {
  private backend: SelectedBackend | null = null;
  private health: GpuHealth | null = null;
  private readonly dataset: DatasetLoader;
  private gpuSets: TrainingSets | null = null;
  private trainer: Trainer | null = null;
  /** A model made from files (`loadModel`), while no run has replaced it. */
  private loaded: LoadedModel | null = null;
  private run: RunControl | null = null;
  /** The run's last progress report, for what an export mid-run says of its weights. */
  private lastProgress: { epoch: number; imagesDone: number; imagesTotal: number } | null = null;
  private readonly persistence: Persistence;
  /** Set when the backend failed for good (lost device): only a new `init` clears it. */
  private broken = false;
  /** Predictions and inspections: whatever asks the current model. */
  private readonly modelRequests = new ModelRequests({
    predictor: () => this.predictor,
    trainer: () => this.trainer,
    testImages: () => this.dataset.loaded?.test,
    post: (event) => this.post(event),
    fail: (error, id) => this.fail('predict', error, { id }),
    throwIfGpuFailed: () => this.throwIfGpuFailed(),
  });

  constructor(private readonly options: SessionOptions) {
    this.persistence = new Persistence(options.storage);
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

  /** Handles one command. Never rejects: failures become `error` events. `train` resolves when the run ends. */
  async handle(cmd: WorkerCommand): Promise<void> {
    switch (cmd.type) {
      case 'attach':
        return this.attach(cmd.id, cmd.lifeLock);
      case 'ping':
        return this.post({ type: 'pong', id: cmd.id });
      case 'init':
        return this.init(cmd.id, cmd.backend, cmd.kernels);
      case 'loadData':
        if (this.run) {
          // Scope 'training': the run goes on, and the loaded data with it.
          return this.fail('training', new Error('Stop training before reloading the data.'), {
            id: cmd.id,
          });
        }
        return this.dataset.load(cmd.id, cmd.baseUrl);
      case 'train':
        return this.train(cmd.id, cmd.config, cmd.fromCurrentWeights === true);
      case 'resumeCheckpoint':
        return this.resumeCheckpoint(cmd.id);
      case 'pause':
      case 'resume':
      case 'stop':
        return this.control(cmd.id, cmd.type);
      case 'predict':
      case 'classifySamples':
      case 'confusionExamples':
      case 'firstLayerFilters':
      case 'inspect':
        return this.modelRequests.handle(cmd);
      case 'listStored':
      case 'discardCheckpoint':
      case 'renameRun':
      case 'deleteRun':
      case 'removeDamagedRuns':
      case 'setCheckpointMode':
        return this.persistence
          .handle(cmd, (e) => this.post(e))
          .catch((error: unknown) => this.fail('storage', error, { id: cmd.id }));
      case 'saveModel':
        return this.saveModel(cmd.id);
      case 'loadModel':
        return this.loadModel(cmd.id, cmd.files);
      case 'exportOnnx':
        return this.exportOnnx(cmd.id);
      default:
        cmd satisfies never;
    }
  }

  /** The WebGPU device in use, if any: for the test builds' fault injection (faultInjection.ts). */
  get gpuDevice(): GPUDevice | undefined {
    return this.backend?.device;
  }

  private post(event: WorkerEvent): void {
    this.options.post(event);
  }

  private fail(scope: ErrorScope, error: unknown, extra: { id?: number; ctx?: ErrorContext } = {}) {
    const described = describeError(error, { backend: this.backend?.info.name, ...extra.ctx });
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
    if (this.run) this.run.stop();
    else this.release('gpu-data');
  }

  /**
   * The one path by which the session frees what it holds. 'model': the trained weights (a new
   * run replaces them, a failed run's may be garbage); 'gpu-data': also the dataset's GPU copy
   * (new data, or a failed upload that may have left it half-made); 'backend': also the GPU watch
   * and the device (a new init).
   */
  private release(level: ReleaseLevel, { keepLoaded = false } = {}): void {
    this.trainer?.dispose();
    this.trainer = null;
    if (!keepLoaded) {
      this.loaded?.dispose();
      this.loaded = null;
    }
    if (level === 'model') return;
    this.gpuSets?.train.dispose();
    this.gpuSets?.test.dispose();
    this.gpuSets = null;
    if (level === 'gpu-data') return;
    this.health?.destroy();
    this.health = null;
    this.backend = null;
  }

  private async attach(id: number, lifeLock: string | null): Promise<void> {
    const held = lifeLock ? await (this.options.holdLifeLock ?? holdLifeLock)(lifeLock) : false;
    this.post({ type: 'attached', id, lifeLockHeld: held });
  }

  private async init(id: number, requested?: BackendName, kernels?: KernelMode): Promise<void> {
    // Scope 'training': the page reads a 'backend' error as a dead worker, and the run goes on.
    if (this.run) {
      return this.fail('training', new Error('Stop training before changing backend.'), { id });
    }
    this.release('backend');
    try {
      const backend = await (this.options.selectBackend ?? selectBackend)(requested, kernels);
      this.backend = backend;
      this.broken = false;
      if (backend.device) {
        // Posted the moment `device.lost` resolves, whatever the session is doing.
        this.health = new GpuHealth(backend.device, (failure) => {
          if (!this.broken) this.fail('backend', new GpuFailureError(failure));
        });
      }
      this.post({ type: 'ready', id, backend: backend.info });
    } catch (error) {
      this.fail('backend', error, { id });
    }
  }

  /** The model that answers predictions: the run's, or one loaded from files. */
  private get predictor(): Predictor | null {
    return this.trainer ?? this.loaded;
  }

  private async train(id: number, config: TrainConfig, fromCurrentWeights: boolean) {
    if (!fromCurrentWeights) return this.startRun(id, config, { kind: 'fresh' });
    const current = this.predictor;
    if (!current || current.spec.name !== config.model) {
      const have = current ? `the current model is ${current.spec.name}` : 'there is no model yet';
      const why = `Cannot continue from the current weights: ${have}, and the run is for ${config.model}.`;
      return this.fail('training', new Error(why), { id });
    }
    const snapshot = { weights: (await takeWeights(current)).weights, optimizer: null };
    return this.startRun(id, config, { kind: 'weights', snapshot });
  }

  /** Restores the stored checkpoint into a new run that goes on from the epoch after it. */
  private async resumeCheckpoint(id: number): Promise<void> {
    if (this.run) return this.refuse(id, 'A training run is already going: stop it first.');
    let loaded;
    try {
      loaded = await (await this.persistence.stores()).checkpoints.load();
    } catch (error) {
      return this.fail('storage', error, { id });
    }
    if (!loaded)
      return this.fail('storage', new Error('There is no checkpoint to resume.'), { id });
    const { summary, snapshot } = loaded;
    return this.startRun(id, summary.config, { kind: 'checkpoint', summary, snapshot });
  }

  private refuse(id: number, message: string): void {
    this.fail('training', new Error(message), { id });
  }

  /** Refuses what cannot start (answering `id`), or starts a run: `trainStarted`, then `done`. */
  private async startRun(id: number, config: TrainConfig, origin: RunOrigin): Promise<void> {
    if (this.run) return this.refuse(id, 'A training run is already going: stop it first.');
    if (this.broken)
      return this.refuse(id, 'The GPU stopped working: restart the worker or reload the page.');
    const backend = this.backend;
    if (!backend) return this.refuse(id, 'The worker has no backend yet: send init first.');
    const data = this.dataset.loaded;
    if (!data) return this.refuse(id, 'The dataset is not loaded yet: load it before training.');
    // A config the run cannot use is refused before the current model is thrown away, by the same
    // rules the page's form applies (src/protocol/configRules).
    try {
      const available = { train: data.train.count, test: data.test.count };
      validateTrainConfig(config, available, backend.info.limits);
    } catch (error) {
      return this.fail('training', error, { id });
    }

    // Another tab's run would have its checkpoints overwritten by this one's: one tab trains at a time.
    const control = new RunControl(() => this.throwIfGpuFailed());
    this.run = control; // held while waiting for the lock, so a second Train here is refused too
    if (!(await this.persistence.lock.acquire())) {
      this.run = null;
      return this.refuse(id, OTHER_TAB_TRAINING);
    }
    this.release('model');
    this.health?.takeFailure(); // an error raised before this run (by a prediction) is not its own
    this.lastProgress = null;
    let started = false;
    let recorder: RunRecorder | null = null;
    try {
      this.gpuSets ??= {
        train: GpuImageSet.upload(data.train),
        test: GpuImageSet.upload(data.test),
      };
      const trainer = new Trainer(config, this.gpuSets);
      this.trainer = trainer;
      if (origin.kind !== 'fresh') {
        const epochsDone = origin.kind === 'checkpoint' ? origin.summary.epochsDone : 0;
        await trainer.restore(origin.snapshot, epochsDone);
      }
      const resumed = origin.kind === 'checkpoint' ? origin.summary : null;
      recorder = await RunRecorder.start(this.persistence, (e) => this.post(e), {
        config,
        backend: backend.info,
        resumed,
        parameterCount: trainer.model.countParams(),
      });
      await this.persistence.lock.markRun(recorder.runId);
      this.persistence.announceChange();
      this.post({
        type: 'trainStarted',
        id,
        config,
        ...trainer.plan,
        runId: recorder.runId,
        checkpoint: await recorder.plan(),
        ...(resumed
          ? {
              resumed: {
                epochsDone: resumed.epochsDone,
                epochs: resumed.epochs,
                contents: resumed.contents,
              },
            }
          : {}),
      });
      started = true;
      const run = recorder;
      const divergence = new DivergenceWatch(() => control.stop());
      const reason = await trainer.run(
        {
          onProgress: (p) => {
            this.lastProgress = p;
            this.post({ type: 'batch', ...p });
            divergence.progress(p);
          },
          onEpoch: async (metrics) => {
            if (divergence.epoch(metrics)) return;
            this.post({ type: 'epoch', metrics });
            await run.epochDone(metrics, trainer);
          },
          // The live step profile of the page's Performance panel (one step in many).
          ...(this.options.profileSteps === false
            ? {}
            : {
                profiler: new StepProfiler(config.model, config.batchSize, (profile) =>
                  this.post({ type: 'stepProfile', profile }),
                ),
              }),
        },
        control,
      );
      if (divergence.problem !== null) {
        await recorder.finish('failed');
        this.release('model'); // NaN weights answer nothing
        this.fail('training', new Error(divergence.message(recorder.keptEpoch)));
        this.post({ type: 'done', reason: 'failed' });
        return;
      }
      await recorder.finish(reason);
      this.post({ type: 'done', reason });
    } catch (error) {
      this.release('gpu-data');
      // A lost device was reported once, as fatal, when it happened: its knock-on errors are not.
      const ctx: ErrorContext = { model: config.model, batchSize: config.batchSize };
      const scope: ErrorScope = isStorageProblem(error) ? 'storage' : 'training';
      if (!this.broken) this.fail(scope, error, started ? { ctx } : { ctx, id });
      if (started) {
        await recorder?.finish('failed').catch(() => undefined);
        this.post({ type: 'done', reason: 'failed' });
      }
    } finally {
      this.run = null;
      this.persistence.lock.release();
      this.persistence.announceChange();
    }
  }

  private control(id: number, command: 'pause' | 'resume' | 'stop'): void {
    const run = this.run;
    if (!run) return this.fail('training', new Error(`No training run to ${command}.`), { id });
    if (command === 'pause') {
      run.pause();
      this.post({ type: 'paused', id });
    } else if (command === 'resume') {
      run.resume();
      this.post({ type: 'resumed', id });
    } else {
      run.stop();
      this.post({ type: 'stopping', id });
    }
  }

  /** WebGPU reports out-of-memory and validation errors asynchronously, outside tfjs: without
   * this check a failed prediction would come back as garbage probabilities. */
  private throwIfGpuFailed(): void {
    const failure = this.health?.takeFailure();
    if (failure) throw new GpuFailureError(failure);
  }

  /** The current model as model.json + weights, for the page to download. */
  private async saveModel(id: number): Promise<void> {
    const predictor = this.predictor;
    if (!predictor) return this.fail('storage', new Error(NO_MODEL_TO_SAVE), { id });
    try {
      const epochs = this.trainer ? this.trainer.epochsDone : (this.loaded?.epochsDone ?? 0);
      const files = await writeModelFiles(predictor, epochs);
      this.post({ type: 'modelFiles', id, ...files });
    } catch (error) {
      this.fail('storage', error, { id });
    }
  }

  /** The current model as an ONNX file. Mid-run, requests are answered between two steps and the
   * weights are cloned at once (onnxExport.ts), so the file holds the last finished step's. */
  private async exportOnnx(id: number): Promise<void> {
    const predictor = this.predictor;
    if (!predictor) return this.fail('storage', new Error(NO_MODEL_TO_EXPORT), { id });
    const epochsDone = this.trainer ? this.trainer.epochsDone : (this.loaded?.epochsDone ?? 0);
    const duringRun = this.run
      ? (this.lastProgress ?? { epoch: epochsDone + 1, imagesDone: 0, imagesTotal: 0 })
      : null;
    const { epoch, imagesDone } = duringRun ?? { epoch: 0, imagesDone: 0 };
    const note = duringRun
      ? `Exported mid-run, in epoch ${epoch} after at least ${imagesDone} of its images.`
      : undefined;
    try {
      const file = await exportOnnx(predictor, { epochsDone, note });
      this.throwIfGpuFailed();
      this.post({
        type: 'onnxFile',
        id,
        file,
        fileName: onnxFileName(predictor),
        epochsDone,
        duringRun,
      });
    } catch (error) {
      this.fail('storage', error, { id });
    }
  }

  /** Makes checked model files the current model; on any problem the current one is kept. */
  private loadModel(id: number, files: ModelFile[]): void {
    if (this.run)
      return this.fail('storage', new Error('Stop training before loading a model.'), { id });
    if (this.broken)
      return this.fail('storage', new Error('The GPU stopped working: restart the worker first.'), {
        id,
      });
    let model: LoadedModel;
    try {
      model = new LoadedModel(checkModelFiles(files));
    } catch (error) {
      return this.fail('storage', error, { id });
    }
    this.release('model');
    this.loaded = model;
    this.post({
      type: 'modelLoaded',
      id,
      model: model.spec.name,
      fileName: model.fileName,
      fileNames: model.fileNames,
      epochsDone: model.epochsDone,
    });
  }
}

export const NO_MODEL_TO_SAVE = 'No model to save yet: train one or load one first.';
export const NO_MODEL_TO_EXPORT = 'No model to export yet: train one or load one first.';

function isStorageProblem(error: unknown): boolean {
  return error instanceof StorageError || error instanceof SnapshotMismatchError;
}

/** The weights of any model the session holds, as plain arrays. */
function takeWeights(predictor: Predictor): Promise<TrainerSnapshot> {
  return readWeights(predictor.model);
}
