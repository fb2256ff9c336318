// The one object that sets up training: a backend with its kernels (in one mode, a value every op
// is handed), the GPU-failure watch, the dataset on the GPU, and trainers over it. The training
// worker's session, `npm run train`, `npm run bench` and `npm run bench:kernels` all start one
// (Engine.start) and drive it; `dispose` frees what it holds, the device included.

import type { BackendInfo, BackendName, KernelMode, TrainConfig } from '../protocol';
import { installKernels, opsKernelMode } from '../kernels/installKernels';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';
import { GpuFailureError, GpuHealth } from '../runtime/gpuHealth';
import { GpuImageSet, type LabelledImages } from '../training/gpuImages';
import { Trainer, type TrainingSets } from '../training/trainer';
import { validateTrainConfig } from '../training/trainConfig';

/** What an engine runs on: the backend (undefined: WebGPU, then WebGL, then the CPU) and kernels. */
export interface EngineConfig {
  backend?: BackendName;
  kernels: KernelMode;
}

export interface EngineHooks {
  /** Replaceable for tests; the real WebGPU -> WebGL -> CPU selection by default. */
  selectBackend?: (requested?: BackendName, kernels?: KernelMode) => Promise<SelectedBackend>;
  /** Runs once, the moment the device is lost for any reason but `dispose`. */
  onDeviceLost?: (error: GpuFailureError) => void;
}

/** Both splits of a dataset in memory, as the loaders give them. */
export interface EngineData {
  train: LabelledImages;
  test: LabelledImages;
}

export class Engine {
  /** Starts the backend and installs its kernels; throws (BackendError) when none can start. */
  static async start(config: EngineConfig, hooks: EngineHooks = {}): Promise<Engine> {
    const selected = await (hooks.selectBackend ?? selectBackend)(config.backend, config.kernels);
    return new Engine(selected, hooks.onDeviceLost);
  }

  readonly info: BackendInfo;
  /** The WebGPU device, when the backend is WebGPU. */
  readonly device: GPUDevice | undefined;
  /**
   * The kernel mode every op of this engine runs in: the one asked for, except 'stock' on WebGL
   * (which has no own kernels). Trainers and loaded models are handed it; no op reads tfjs's
   * kernel registry to find it.
   */
  get kernels(): KernelMode {
    return this.mode;
  }
  private mode: KernelMode;
  /** The one GPU-failure watch (null off WebGPU). */
  private readonly health: GpuHealth | null;
  private sets: { data: EngineData; sets: TrainingSets } | null = null;
  private disposed = false;

  private constructor(selected: SelectedBackend, onDeviceLost?: (error: GpuFailureError) => void) {
    this.info = selected.info;
    this.device = selected.device;
    this.mode = opsKernelMode(selected.info.name, selected.info.kernels.mode);
    this.health = selected.device
      ? new GpuHealth(selected.device, (failure) => onDeviceLost?.(new GpuFailureError(failure)))
      : null;
  }

  /**
   * Puts `mode`'s kernels in place on this backend; trainers made from now on run in it. Only for
   * benchmarks that compare the modes step by step on one device (stepBench.ts): a trainer keeps
   * the mode it was made with, so the caller switches back before stepping it again.
   */
  useKernels(mode: KernelMode): void {
    installKernels(this.info.name, mode);
    this.mode = opsKernelMode(this.info.name, mode);
  }

  /** Throws TrainConfigError when `config` cannot run on `data` and this backend's limits. */
  checkConfig(config: TrainConfig, data: EngineData): void {
    const available = { train: data.train.count, test: data.test.count };
    validateTrainConfig(config, available, this.info.limits);
  }

  /** `data` on the GPU: uploaded on first use and kept for the next trainer, until releaseData. */
  gpuData(data: EngineData): TrainingSets {
    this.throwIfDisposed();
    if (this.sets?.data !== data) {
      this.releaseData();
      const sets = { train: GpuImageSet.upload(data.train), test: GpuImageSet.upload(data.test) };
      this.sets = { data, sets };
    }
    return this.sets.sets;
  }

  /** A fresh seeded model and optimizer for `config`, over `data` on the GPU, in this engine's mode. */
  createTrainer(config: TrainConfig, data: EngineData): Trainer {
    return new Trainer(config, this.gpuData(data), this.kernels);
  }

  /** Frees the GPU copy of the data (new data, or a failure that may have left it half-made). */
  releaseData(): void {
    this.sets?.sets.train.dispose();
    this.sets?.sets.test.dispose();
    this.sets = null;
  }

  /**
   * WebGPU reports out-of-memory and validation errors asynchronously, outside tfjs: throws the
   * first one since the last call (and a lost device, always), as a GpuFailureError.
   */
  throwIfGpuFailed(): void {
    const failure = this.health?.takeFailure();
    if (failure) throw new GpuFailureError(failure);
  }

  /** Forgets a failure raised before now (by a prediction), so a new run does not take it as its own. */
  clearGpuFailure(): void {
    this.health?.takeFailure();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the GPU data, stops the watch and destroys the device. Trainers are their owner's to free. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseData();
    this.health?.destroy();
  }

  private throwIfDisposed(): void {
    if (this.disposed) throw new Error('This engine was disposed: start a new one.');
  }
}
