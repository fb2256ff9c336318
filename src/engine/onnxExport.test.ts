// Export ONNX, checked by a real runtime: alexnet-mini with seeded random weights is exported, the
// file is run in ONNX Runtime (onnxruntime-web's WebAssembly build, in Node: onnxruntime-node's
// install script downloads its binaries from NuGet) and its probabilities are compared with tfjs's
// (CPU backend) on 64 Fashion-MNIST test images; ONNX's own checker (Python) then checks the file.
// alexnet has its own file (onnxExport.alexnet.test.ts) so that the two run side by side.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { exportAndCheck, testPixels } from './testing/onnxCheck';

describe('Export ONNX: alexnet-mini', () => {
  beforeAll(useCpuBackend);
  afterAll(() => tf.disposeVariables());

  // Largest difference measured (seeds 1, 2, 7): 1.5e-7 to 5.1e-7, against the 1e-4.
  it("ONNX Runtime gives tfjs's probabilities on 64 images, ONNX's checker accepts the file", async () => {
    await exportAndCheck('alexnet-mini', testPixels());
  }, 300_000);
});
