// Model files in the tfjs layers format: the current model written out as model.json + one weights
// file (the page downloads them: `downloads://` needs a document, which a worker lacks), and checked
// files turned back into a model that classifies and can be trained further.

import * as tf from '@tensorflow/tfjs';
import { MODEL_SPECS, type ModelSpec } from '../model/architecture';
import { buildModel } from '../model/models';
import { predictProbabilities, type Predictor } from '../training/predict';
import type { AppModelMetadata, CheckedModelFiles } from './modelFileCheck';
import type { KernelMode } from '../protocol';

export const WEIGHTS_FILE = 'model.weights.bin';

export interface ModelFileSet {
  modelJson: string;
  weights: ArrayBuffer;
  weightsFile: string;
}

/** `predictor`'s architecture and weights as the two files of the tfjs layers format. */
export async function writeModelFiles(
  predictor: Predictor,
  epochsDone: number,
): Promise<ModelFileSet> {
  let saved: tf.io.ModelArtifacts | null = null;
  await predictor.model.save(
    tf.io.withSaveHandler((artifacts) => {
      saved = artifacts;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightSpecs || !artifacts.weightData)
    throw new Error('The model gave no weights to save.');
  const metadata: AppModelMetadata = {
    app: 'alexnet-webgpu',
    model: predictor.spec.name,
    epochsDone,
  };
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
    userDefinedMetadata: metadata,
  };
  return {
    modelJson: JSON.stringify(json),
    weights: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
    weightsFile: WEIGHTS_FILE,
  };
}

/** A model made from files: classifies, and hands its weights to a new run. */
export class LoadedModel implements Predictor {
  readonly spec: ModelSpec;
  readonly model: tf.Sequential;

  /** `kernels`: the engine's mode, for its forward pass. */
  constructor(
    checked: CheckedModelFiles,
    readonly kernels: KernelMode,
    readonly fileName = checked.jsonName,
    readonly fileNames = checked.fileNames,
    readonly epochsDone = checked.epochsDone,
  ) {
    this.spec = MODEL_SPECS[checked.model];
    this.model = buildModel(checked.model, 0);
    const named = tf.io.decodeWeights(checked.weightData, checked.specs);
    try {
      this.model.setWeights(this.model.weights.map((w) => named[w.originalName]!));
    } catch (error) {
      this.model.dispose();
      throw error;
    } finally {
      tf.dispose(Object.values(named));
    }
  }

  predict(pixels: Float32Array, n: number): Promise<Float32Array> {
    return predictProbabilities(this.model, this.spec, pixels, n, this.kernels);
  }

  dispose(): void {
    this.model.dispose();
  }
}
