// The commands that turn the current model into files or files into the current model: Save model
// (model.json + weights), Export ONNX, and Load model. Each answers its request id, or fails in the
// 'storage' scope with the current model kept.

import type { KernelMode, ModelFile, WorkerEvent } from '../protocol';
import {
  LoadedModel,
  checkModelFiles,
  exportOnnx,
  onnxFileName,
  writeModelFiles,
  type Predictor,
} from '../engine';

export const NO_MODEL_TO_SAVE = 'No model to save yet: train one or load one first.';
export const NO_MODEL_TO_EXPORT = 'No model to export yet: train one or load one first.';

/** Where a run stands, for what an export taken during it says of its weights. */
export interface RunPosition {
  epoch: number;
  imagesDone: number;
  imagesTotal: number;
}

/** What the commands need of the session. */
export interface ModelFileHost {
  /** The model that answers: the run's, or one loaded from files. */
  predictor(): Predictor | null;
  /** Epochs behind the current model (its run's, or its files'). */
  epochsDone(): number;
  /** Where the run stands while one trains; null between runs. */
  runPosition(): RunPosition | null;
  /** Why no model may be loaded now (a run trains, the GPU failed), or null when one may. */
  loadRefusal(): string | null;
  /** The engine's kernel mode, for a loaded model's forward pass. */
  kernels(): KernelMode;
  /** Makes `model` the current model, freeing the one before. */
  replaceModel(model: LoadedModel): void;
  post(event: WorkerEvent): void;
  fail(error: unknown, id: number): void;
  throwIfGpuFailed(): void;
}

export class ModelFileCommands {
  constructor(private readonly host: ModelFileHost) {}

  /** The current model as model.json + weights, for the page to download. */
  async save(id: number): Promise<void> {
    const predictor = this.host.predictor();
    if (!predictor) return this.host.fail(new Error(NO_MODEL_TO_SAVE), id);
    try {
      const files = await writeModelFiles(predictor, this.host.epochsDone());
      this.host.post({ type: 'modelFiles', id, ...files });
    } catch (error) {
      this.host.fail(error, id);
    }
  }

  /** The current model as an ONNX file. Mid-run, requests are answered between two steps and the
   * weights are cloned at once (src/engine/onnxExport.ts), so the file holds the last finished
   * step's. */
  async exportOnnx(id: number): Promise<void> {
    const predictor = this.host.predictor();
    if (!predictor) return this.host.fail(new Error(NO_MODEL_TO_EXPORT), id);
    const epochsDone = this.host.epochsDone();
    const duringRun = this.host.runPosition();
    const { epoch, imagesDone } = duringRun ?? { epoch: 0, imagesDone: 0 };
    const note = duringRun
      ? `Exported mid-run, in epoch ${epoch} after at least ${imagesDone} of its images.`
      : undefined;
    try {
      const file = await exportOnnx(predictor, { epochsDone, note });
      this.host.throwIfGpuFailed();
      this.host.post({
        type: 'onnxFile',
        id,
        file,
        fileName: onnxFileName(predictor),
        epochsDone,
        duringRun,
      });
    } catch (error) {
      this.host.fail(error, id);
    }
  }

  /** Makes checked model files the current model; on any problem the current one is kept. */
  load(id: number, files: ModelFile[]): void {
    const refusal = this.host.loadRefusal();
    if (refusal) return this.host.fail(new Error(refusal), id);
    let model: LoadedModel;
    try {
      model = new LoadedModel(checkModelFiles(files), this.host.kernels());
    } catch (error) {
      return this.host.fail(error, id);
    }
    this.host.replaceModel(model);
    this.host.post({
      type: 'modelLoaded',
      id,
      model: model.spec.name,
      fileName: model.fileName,
      fileNames: model.fileNames,
      epochsDone: model.epochsDone,
    });
  }
}
