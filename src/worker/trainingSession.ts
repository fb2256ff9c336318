// Everything the training worker does, as a class that takes commands and posts events through a
// callback, so the protocol flows can be unit-tested in Node on the CPU backend. Every command
// carries an id; its answer (or an error) carries the same id.

import { describeError, type ErrorContext } from '../runtime/errorMessages';
import { GpuImageSet, type LabelledImages } from '../training/gpuImages';
import { GpuFailureError, GpuHealth } from '../runtime/gpuHealth';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';
import { Trainer, type TrainingSets } from '../training/trainer';
import { validateTrainConfig } from '../training/trainConfig';
import type {
  BackendName,
  ErrorScope,
  KernelMode,
  TrainConfig,
  WorkerCommand,
  WorkerEvent,
} from '../protocol';
import { DatasetLoader, type DatasetSource } from './datasetLoader';
import { holdLifeLock } from './lifeLock';
import { classifySamples, validatePixels } from './predictions';
import { RunControl } from './runControl';

export type { DatasetSource } from './datasetLoader';

export interface SessionOptions {
  post: (event: WorkerEvent) => void;
  dataSource: DatasetSource;
  /** Replaceable for tests; defaults to the real WebGPU -> WebGL -> CPU selection. */
  selectBackend?: (requested?: BackendName, kernels?: KernelMode) => Promise<SelectedBackend>;
  /** Takes a Web Lock for the worker's life; resolves whether it is held. Defaults to navigator.locks. */
  holdLifeLock?: (name: string) => Promise<boolean>;
}

export const NO_MODEL_MESSAGE = 'No trained model yet: press Train first.';

/** What `release` frees, each level including the ones before it. */
type ReleaseLevel = 'model' | 'gpu-data' | 'backend';

export class TrainingSession {
  private backend: SelectedBackend | null = null;
  private health: GpuHealth | null = null;
  private readonly dataset: DatasetLoader;
  private gpuSets: TrainingSets | null = null;
  private trainer: Trainer | null = null;
  private run: RunControl | null = null;
  /** Set when the backend failed for good (lost device): only a new `init` clears it. */
  private broken = false;

  constructor(private readonly options: SessionOptions) {
    this.dataset = new DatasetLoader(
      options.dataSource,
      options.post,
      (error, id) => this.fail('data', error, { id }),
      () => this.release('gpu-data'), // the GPU copy belongs to the data being replaced
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
        return this.train(cmd.id, cmd.config);
      case 'pause':
      case 'resume':
      case 'stop':
        return this.control(cmd.id, cmd.type);
      case 'predict':
        return this.predict(cmd.id, cmd.pixels);
      case 'classifySamples':
        return this.classify(cmd.id, cmd.count);
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
  private release(level: ReleaseLevel): void {
    this.trainer?.dispose();
    this.trainer = null;
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

  /** Refuses what cannot start (answering `id`), or starts a run: `trainStarted`, then `done`. */
  private async train(id: number, config: TrainConfig): Promise<void> {
    const refuse = (message: string) => this.fail('training', new Error(message), { id });
    if (this.run) return refuse('A training run is already going: stop it first.');
    if (this.broken)
      return refuse('The GPU stopped working: restart the worker or reload the page.');
    if (!this.backend) return refuse('The worker has no backend yet: send init first.');
    const data = this.dataset.loaded;
    if (!data) return refuse('The dataset is not loaded yet: load it before training.');
    // A config the run cannot use is refused before the current model is thrown away, by the same
    // rules the page's form applies (src/protocol/configRules).
    try {
      const available = { train: data.train.count, test: data.test.count };
      validateTrainConfig(config, available, this.backend.info.limits);
    } catch (error) {
      return this.fail('training', error, { id });
    }

    this.release('model');
    this.health?.takeFailure(); // an error raised before this run (by a prediction) is not its own
    const control = new RunControl(() => this.throwIfGpuFailed());
    this.run = control;
    let started = false;
    try {
      this.gpuSets ??= {
        train: GpuImageSet.upload(data.train),
        test: GpuImageSet.upload(data.test),
      };
      this.trainer = new Trainer(config, this.gpuSets);
      this.post({ type: 'trainStarted', id, config, ...this.trainer.plan });
      started = true;
      const reason = await this.trainer.run(
        {
          onProgress: (p) => this.post({ type: 'batch', ...p }),
          onEpoch: (metrics) => this.post({ type: 'epoch', metrics }),
        },
        control,
      );
      this.post({ type: 'done', reason });
    } catch (error) {
      this.release('gpu-data');
      // A lost device was reported once, as fatal, when it happened: its knock-on errors are not.
      const ctx: ErrorContext = { model: config.model, batchSize: config.batchSize };
      if (!this.broken) this.fail('training', error, started ? { ctx } : { ctx, id });
      if (started) this.post({ type: 'done', reason: 'failed' });
    } finally {
      this.run = null;
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

  private async predict(id: number, pixels: Float32Array): Promise<void> {
    const problem = validatePixels(pixels);
    if (problem) return this.fail('predict', new Error(problem), { id });
    const trainer = this.trainer;
    if (!trainer) return this.fail('predict', new Error(NO_MODEL_MESSAGE), { id });
    try {
      const probabilities = await trainer.predict(pixels, 1);
      this.throwIfGpuFailed();
      this.post({ type: 'prediction', id, probabilities });
    } catch (error) {
      this.fail('predict', error, { id });
    }
  }

  private async classify(id: number, count: number): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return this.fail('predict', new Error(NO_MODEL_MESSAGE), { id });
    const test: LabelledImages | undefined = this.dataset.loaded?.test;
    if (!test) return this.fail('predict', new Error('The dataset is not loaded yet.'), { id });
    try {
      const samples = await classifySamples(trainer, test, count);
      this.throwIfGpuFailed();
      this.post({ type: 'samples', id, samples });
    } catch (error) {
      this.fail('predict', error, { id });
    }
  }
}
