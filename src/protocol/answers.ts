// The values that travel with commands and their answers (the table in commands.ts names which
// goes with which). Types only: no tfjs, no DOM, no React.

import type { CellExamples, Inspection, LayerFilters } from './insight';
import type { EpochMetrics, ModelName, TrainConfig } from './training';
import type { CheckpointContents, CheckpointPlan, StorageReport } from './storage';
import type { BackendInfo } from './backend';

export interface DatasetSummary {
  trainCount: number;
  testCount: number;
  classNames: readonly string[];
  /** Bytes of all shards of both splits, for the progress bar. */
  totalBytes: number;
}

/** A file as the page read it, by name. */
export interface ModelFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Where a data load found the shards. */
export type DataOrigin = 'network' | 'browser' | 'mixed';

/** One test image classified by the current model. */
export interface ClassifiedSample {
  /** 784 bytes, 0..255, as stored in the dataset. */
  pixels: Uint8Array;
  label: number;
  probabilities: Float32Array;
}

export interface Attached {
  type: 'attached';
  /** The worker holds the Web Lock it was asked to take. */
  lifeLockHeld: boolean;
}

export interface Ready {
  type: 'ready';
  backend: BackendInfo;
}

/** A data load's progress: first the manifest's counts, then bytes as shards arrive. */
export type DataProgressEvent =
  | { type: 'dataset'; summary: DatasetSummary }
  | { type: 'dataProgress'; loadedBytes: number; totalBytes: number };

export interface DataLoaded {
  type: 'dataLoaded';
  trainCount: number;
  testCount: number;
  /** Whether the shards came over the network, from this browser's copy, or both. */
  origin?: DataOrigin;
  /** Wall time of the load, manifest to last checked shard. */
  seconds?: number;
  /** Bytes that came over the network (compressed where the shards are). */
  downloadedBytes?: number;
}

export interface TrainStarted {
  type: 'trainStarted';
  config: TrainConfig;
  stepsPerEpoch: number;
  /** Images actually used per epoch: whole batches only, the ragged tail is dropped. */
  imagesPerEpoch: number;
  /** The run's entry in the history (absent where nothing can be stored). */
  runId?: string;
  /** What each end-of-epoch checkpoint will take. */
  checkpoint?: CheckpointPlan;
  /** Set when the run continues a checkpoint: the epochs it had finished. */
  resumed?: { epochsDone: number; epochs: EpochMetrics[]; contents: CheckpointContents };
}

export interface Stored {
  type: 'stored';
  report: StorageReport;
}

export interface ModelFiles {
  type: 'modelFiles';
  modelJson: string;
  weights: ArrayBuffer;
  weightsFile: string;
}

export interface OnnxFile {
  type: 'onnxFile';
  /** Written one weight at a time into the browser's blob storage (alexnet's is ~187 MB). */
  file: Blob;
  /** alexnet.onnx or alexnet-mini.onnx. */
  fileName: string;
  epochsDone: number;
  /** Set when a run was training: the last progress it had reported when the weights were
   * taken (at least that many images of that epoch; the weights are the last finished step's). */
  duringRun: { epoch: number; imagesDone: number; imagesTotal: number } | null;
}

export interface ModelLoaded {
  type: 'modelLoaded';
  model: ModelName;
  /** The loaded model.json's file name. */
  fileName: string;
  /** The chosen files that made the model, model.json first; any other chosen file was ignored. */
  fileNames: string[];
  /** Epochs trained, when the file says (files saved by this app do). */
  epochsDone: number | null;
}

export type Prediction = { type: 'prediction'; probabilities: Float32Array };
export type Samples = { type: 'samples'; samples: ClassifiedSample[] };
export type CellExamplesAnswer = { type: 'cellExamples'; examples: CellExamples };
export type FiltersAnswer = { type: 'filters'; filters: LayerFilters };
export type InspectionAnswer = { type: 'inspection'; inspection: Inspection };
