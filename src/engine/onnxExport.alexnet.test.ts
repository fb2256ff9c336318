// Export ONNX for alexnet, checked as alexnet-mini is (onnxExport.test.ts) on the same 64 test images.
// The slowest unit test: alexnet's forward pass is ~1 GMAC an image at 224x224, and the 64 of them
// took 114 s in tfjs's CPU backend and 24 s in ONNX Runtime on the 2-core build machine. tfjs's
// WebGPU backend on SwiftShader was no faster (16 images: 118 s, machine under load).

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { exportAndCheck, testPixels } from './testing/onnxCheck';

describe('Export ONNX: alexnet', () => {
  beforeAll(useCpuBackend);
  afterAll(() => tf.disposeVariables());

  // Largest difference measured on these 64 images: 4.5e-7 (seed 7), 4.8e-7 (seed 1); bound 1e-4.
  it("ONNX Runtime gives tfjs's probabilities on 64 images, ONNX's checker accepts the file", async () => {
    await exportAndCheck('alexnet', testPixels());
  }, 600_000);
});
