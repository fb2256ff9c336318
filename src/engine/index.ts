// The engine's surface: everything the worker uses of the layers below it (data, model, training,
// runtime, kernels, export) comes through this file, so the worker depends on one layer and what it
// asks of the engine is listed here, no more. The lint rules hold the worker (its tests included)
// to it. The CLI, the benchmarks and the tests of the lower layers reach those layers directly:
// they measure or check them one by one.

// The engine proper: backend, kernels, GPU-failure watch, GPU data and trainers.
export { Engine, type EngineData, type EngineHooks } from './engine';

// Operations on a trained or loaded model, answered for the worker's requests.
export { LoadedModel, writeModelFiles } from './modelFiles';
export { checkModelFiles } from './modelFileCheck';
export { exportOnnx, onnxFileName } from './onnxExport';
export { cellExamples, firstLayerFilters } from './insight';
export { classifySamples, validatePixels } from './predictions';
export { inspectPicture } from '../model/inspect';

// The dataset: the manifest and its shards, fetched, checked against their checksums and cached.
export { DataError, totalShardBytes, type DatasetManifest } from '../data/manifest';
export { fetchManifest, loadDataset, type LoadStats } from '../data/shardLoader';
export { openShardCache } from '../data/shardCache';
export type { LabelledImages } from '../training/gpuImages';

// A run, as the worker starts, steers, records and reports it.
export type { StepProgress, Trainer, TrainingControl } from '../training/trainer';
export type { Predictor } from '../training/predict';
export { readWeights, SnapshotMismatchError } from '../training/snapshot';
export { StepProfiler } from '../training/stepProfiler';
export { yieldToEventLoop } from '../training/yieldToEventLoop';

// Failures in words, and the backend a session started.
export { describeError, type ErrorContext } from '../runtime/errorMessages';
export type { SelectedBackend } from '../runtime/backendSelection';
