// Seeded dropout on WebGPU: one invocation per element draws Philox(element index, seed) in WGSL
// (../philox.ts) and keeps the element, scaled by 1 / (1 - rate), when the word is at or above the
// rate's integer threshold. Nothing random is made on the CPU or uploaded: the seed is a uniform.

import type * as tf from '@tensorflow/tfjs';
import { inputInfo, numberAttr } from '../kernelAttrs';
import { SEEDED_DROPOUT } from '../ownKernelNames';
import { PHILOX_WGSL } from '../philox';
import { dropoutParams } from '../seededDropout';
import { FlatElementwiseProgram } from './flatElementwise';
import { webgpuBackendOf } from './webgpuBackend';

export class SeededDropoutProgram extends FlatElementwiseProgram {
  uniforms = 'seed : u32, threshold : u32, scale : f32,';

  constructor(shape: number[]) {
    super(['X'], 'alexnetSeededDropout', shape, null);
  }

  getUserCode(): string {
    return `
      ${PHILOX_WGSL}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let word = philox2x32(vec2<u32>(u32(index), 0u), uniforms.seed).x;
          setOutputAtIndex(index, select(0.0, X[index] * uniforms.scale, word >= uniforms.threshold));
        }
      }
    `;
  }
}

export const seededDropoutWebGpuConfig: tf.KernelConfig = {
  kernelName: SEEDED_DROPOUT,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const webgpu = webgpuBackendOf(backend, SEEDED_DROPOUT);
    const x = inputInfo(inputs, 'x', SEEDED_DROPOUT);
    const seed = numberAttr(attrs, 'seed', SEEDED_DROPOUT) >>> 0;
    const { threshold, scale } = dropoutParams(numberAttr(attrs, 'rate', SEEDED_DROPOUT));
    return webgpu.runWebGPUProgram(new SeededDropoutProgram(x.shape), [x], 'float32', [
      { type: 'uint32', data: [seed] },
      { type: 'uint32', data: [threshold] },
      { type: 'float32', data: [scale] },
    ]);
  },
};
