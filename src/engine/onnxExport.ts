// Export ONNX: the current model's weights as an ONNX file (src/export/onnx builds and writes it),
// returned as a Blob made of one part per written piece. Each weight is read back from the backend,
// handed to a Blob (which copies it into the browser's blob storage, on disk when large) and
// dropped before the next is read, so the ~187 MB alexnet file is never one buffer in the worker.

import * as tf from '@tensorflow/tfjs';
import { planOnnxModel, type ExportFacts } from '../export/onnx/onnxGraph';
import { writeOnnxFile } from '../export/onnx/onnxFile';
import type { Predictor } from '../training/predict';

export const onnxFileName = (predictor: Predictor) => `${predictor.spec.name}.onnx`;

/**
 * Writes `predictor`'s model as ONNX. The weights are cloned first, all in one synchronous pass: a
 * clone shares its variable's storage, and a training step assigns new storage rather than writing
 * in place, so a run that goes on while the file is written cannot mix two steps' weights. The
 * clones keep the old weights on the GPU (once more the model's size) until each is read.
 */
export async function exportOnnx(predictor: Predictor, facts: ExportFacts): Promise<Blob> {
  const plan = planOnnxModel(predictor.spec, facts);
  const clones = new Map(predictor.model.weights.map((w) => [w.originalName, tf.clone(w.read())]));
  const parts: Blob[] = [];
  try {
    await writeOnnxFile(
      plan,
      async (name, shape) => {
        const tensor = clones.get(name);
        if (!tensor) throw new Error(`The model has no weight ${name}.`);
        if (!sameShape(tensor.shape, shape))
          throw new Error(`${name} is [${tensor.shape.join(', ')}], not [${shape.join(', ')}].`);
        if (tensor.dtype !== 'float32') throw new Error(`${name} is ${tensor.dtype}, not float32.`);
        const values = await tensor.data<'float32'>();
        clones.delete(name);
        tensor.dispose();
        return values;
      },
      // The Blob copies the bytes now: a CPU backend's storage can change after this.
      (bytes) => void parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>])),
    );
  } finally {
    for (const t of clones.values()) t.dispose();
  }
  return new Blob(parts, { type: 'application/octet-stream' });
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);
