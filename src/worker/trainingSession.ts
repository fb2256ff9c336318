// Everything the training worker does, as a class that takes commands and posts events through a
// callback, so the protocol flows can be unit-tested in Node on the CPU backend.

import { totalShardBytes, type DatasetManifest } from '../data/manifest';
import { describeError, type ErrorContext } from '../runtime/errorMessages';
import { GpuImageSet, type LabelledImages } from '../training/gpuImages';
import { GpuFailureError, GpuHealth } from '../runtime/gpuHealth';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';
import { Trainer, type TrainingSets } from '../training/trainer';
import { validateTrainConfig } from '../training/trainConfig';
import type {
  BackendName,
  DatasetSummary,
  ErrorScope,
  KernelMode,
  TrainConfig,
  WorkerCommand,
  WorkerEvent,
} from '../protocol';
import { classifySamples, validatePixels } from './predictions';
import { RunControl } from './runControl';

/** Where the data comes from: the shard loader in the app, in-memory arrays in tests. */
export interface DatasetSource {
  fetchManifest(baseUrl: string): Promise<DatasetManifest>;
  loadDataset(
    baseUrl: string,
    manifest: DatasetManifest,
    options: { onProgress: (loadedBytes: number, totalBytes: number) => void },
  ): Promise<{ train: LabelledImages; test: LabelledImages }>;
}

export interface SessionOptions {
  post: (event: WorkerEvent) => void;
  dataSource: DatasetSource;
  /** Replaceable for tests; defaults to the real WebGPU -> WebGL -> CPU selection. */
  selectBackend?: (requested?: BackendName, kernels?: KernelMode) => Promise<SelectedBackend>;
}

const PROGRESS_INTERVAL_MS = 100;
export const NO_MODEL_MESSAGE = 'No trained model yet: press Train first.';

export class TrainingSession {
  private backend: SelectedBackend | null = null;
  private health: GpuHealth | null = null;
  private data: { train: LabelledImages; test: LabelledImages } | null = null;
  private loading = false;
  private gpuSets: TrainingSets | null = null;
  private trainer: Trainer | null = null;
  private run: RunControl | null = null;
  private broken = false;

  constructor(private readonly options: SessionOptions) {}

  /** Handles one command. Never rejects: failures become `error` events. `train` resolves when the run ends. */
  async handle(cmd: WorkerCommand): Promise<void> {
    switch (cmd.type) {
      case 'init':
        return this.init(cmd.backend, cmd.kernels);
      case 'loadData':
        return this.loadData(cmd.baseUrl);
      case 'train':
        return this.train(cmd.config);
      case 'pause':
        return this.pause();
      case 'resume':
        return this.resume();
      case 'stop':
        return this.stop();
      case 'predict':
        return this.predict(cmd.id, cmd.pixels);
      case 'classifySamples':
        return this.classify(cmd.id, cmd.count);
      default:
        cmd satisfies never;
    }
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

  private markBroken(): void {
    this.broken = true;
    this.run?.stop();
  }

  private async init(requested?: BackendName, kernels?: KernelMode): Promise<void> {
    // Scope 'training': the page reads a 'backend' error as a dead worker, and the run goes on.
    if (this.run) return this.fail('training', new Error('Stop training before changing backend.'));
    this.releaseBackend();
    try {
      const backend = await (this.options.selectBackend ?? selectBackend)(requested, kernels);
      this.backend = backend;
      this.broken = false;
      if (backend.device) {
        this.health = new GpuHealth(backend.device, (failure) => {
          if (this.broken) return;
          this.fail('backend', new GpuFailureError(failure));
        });
      }
      this.post({ type: 'ready', backend: backend.info });
    } catch (error) {
      this.fail('backend', error);
    }
  }

  /** Frees everything tied to the current backend before another one is started. */
  private releaseBackend(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.releaseGpuSets();
    this.health?.destroy();
    this.health = null;
    this.backend = null;
  }

  private releaseGpuSets(): void {
    this.gpuSets?.train.dispose();
    this.gpuSets?.test.dispose();
    this.gpuSets = null;
  }

  private async loadData(baseUrl: string): Promise<void> {
    if (this.run) {
      return this.fail('training', new Error('Stop training before reloading the data.'));
    }
    if (this.loading) return this.fail('data', new Error('The dataset is already loading.'));
    this.loading = true;
    try {
      const { dataSource } = this.options;
      const manifest = await dataSource.fetchManifest(baseUrl);
      this.post({ type: 'dataset', summary: summarize(manifest) });
      let lastProgressAt = -Infinity;
      const split = await dataSource.loadDataset(baseUrl, manifest, {
        onProgress: (loadedBytes, totalBytes) => {
          const now = performance.now();
          if (now - lastProgressAt < PROGRESS_INTERVAL_MS && loadedBytes < totalBytes) return;
          lastProgressAt = now;
          this.post({ type: 'dataProgress', loadedBytes, totalBytes });
        },
      });
      this.releaseGpuSets();
      this.data = split;
      this.post({ type: 'dataLoaded', trainCount: split.train.count, testCount: split.test.count });
    } catch (error) {
      this.fail('data', error);
    } finally {
      this.loading = false;
    }
  }

  private async train(config: TrainConfig): Promise<void> {
    const ctx: ErrorContext = { model: config.model, batchSize: config.batchSize };
    if (this.run) {
      return this.fail('training', new Error('A training run is already going: stop it first.'));
    }
    if (this.broken) {
      return this.fail(
        'training',
        new Error('The GPU stopped working: restart the worker or reload the page.'),
      );
    }
    if (!this.backend) {
      return this.fail('training', new Error('The worker has no backend yet: send init first.'));
    }
    if (!this.data) {
      return this.fail(
        'training',
        new Error('The dataset is not loaded yet: load it before training.'),
      );
    }
    // A config the run cannot use is refused before the current model is thrown away, by the same
    // rules the page's form applies (src/protocol/configRules).
    try {
      const available = { train: this.data.train.count, test: this.data.test.count };
      validateTrainConfig(config, available, this.backend.info.limits);
    } catch (error) {
      return this.fail('training', error);
    }

    this.trainer?.dispose();
    this.trainer = null;
    this.health?.takeFailure(); // an error raised before this run (by a prediction) is not its own
    const control = new RunControl(() => this.throwIfGpuFailed());
    this.run = control;
    let trainer: Trainer | null = null;
    try {
      this.gpuSets ??= {
        train: GpuImageSet.upload(this.data.train),
        test: GpuImageSet.upload(this.data.test),
      };
      trainer = new Trainer(config, this.gpuSets);
      this.trainer = trainer;
      this.post({ type: 'trainStarted', config, ...trainer.plan });
      const reason = await trainer.run(
        {
          onProgress: (p) => this.post({ type: 'batch', ...p }),
          onEpoch: (metrics) => this.post({ type: 'epoch', metrics }),
        },
        control,
      );
      this.run = null;
      this.post({ type: 'done', reason });
    } catch (error) {
      // A failed run leaves no model behind (its weights may be garbage), nor a dataset copy on the
      // GPU that a failing upload may have left half-made; then it says the run is over.
      trainer?.dispose();
      if (this.trainer === trainer) this.trainer = null;
      this.gpuSets?.train.dispose();
      this.gpuSets?.test.dispose();
      this.gpuSets = null;
      this.run = null;
      if (!this.broken) this.fail('training', error, { ctx });
      this.post({ type: 'done', reason: 'failed' });
    } finally {
      if (this.run === control) this.run = null;
    }
  }

  private pause(): void {
    if (!this.run) return this.fail('training', new Error('No training run to pause.'));
    this.run.pause();
    this.post({ type: 'paused' });
  }

  private resume(): void {
    if (!this.run) return this.fail('training', new Error('No training run to resume.'));
    this.run.resume();
    this.post({ type: 'resumed' });
  }

  private stop(): void {
    if (!this.run) return this.fail('training', new Error('No training run to stop.'));
    this.run.stop();
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
    if (!this.data)
      return this.fail('predict', new Error('The dataset is not loaded yet.'), { id });
    try {
      const samples = await classifySamples(trainer, this.data.test, count);
      this.throwIfGpuFailed();
      this.post({ type: 'samples', id, samples });
    } catch (error) {
      this.fail('predict', error, { id });
    }
  }
}

function summarize(manifest: DatasetManifest): DatasetSummary {
  return {
    trainCount: manifest.train.count,
    testCount: manifest.test.count,
    classNames: manifest.classNames,
    totalBytes: totalShardBytes(manifest),
  };
}
