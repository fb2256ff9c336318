// a^T b for a reduction so short (k <= SHORT_REDUCTION) that staging it through workgroup memory
// buys nothing: a dense layer's weight gradient at a small batch. Each invocation reads its k x 4
// values of a and of b straight from memory and writes a 4 x 4 block of the [m, n] result: no
// barriers (on a software adapter each one costs a fiber switch per 4 invocations, and the tiled
// program would need three for a single, mostly empty, 16-row step).

import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';

/** Longest reduction this program takes; 4 x 4 entries x 16 = 256 multiply-adds per invocation. */
export const SHORT_REDUCTION = 16;
/** Result entries per invocation along m and along n. */
export const SHORT_REDUCTION_BLOCK = 4;
const WORKGROUP = 64;

/** Invocations launched for an [m, n] result (one per 4 x 4 block, rounded up to workgroups). */
export function shortReductionInvocations(m: number, n: number): number {
  const blocks = Math.ceil(m / SHORT_REDUCTION_BLOCK) * Math.ceil(n / SHORT_REDUCTION_BLOCK);
  return Math.ceil(blocks / WORKGROUP) * WORKGROUP;
}

export class ShortReductionProgram implements WebGPUProgram {
  variableNames = ['a', 'b'];
  uniforms = 'k : i32, m : i32, n : i32, blocksPerRow : i32,';
  outputShape: number[];
  shaderKey = 'ownShortReduction';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];

  /** `outputShape` holds the m x n result (leading dimensions of 1 allowed). */
  constructor(outputShape: number[], m: number, n: number) {
    this.outputShape = outputShape;
    const blocks = shortReductionInvocations(m, n);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, [blocks], this.workgroupSize);
  }

  getUserCode(): string {
    const B = SHORT_REDUCTION_BLOCK;
    return `
      fn main(index : i32) {
        let m0 = (index / uniforms.blocksPerRow) * ${B};
        let n0 = (index % uniforms.blocksPerRow) * ${B};
        if (m0 >= uniforms.m) {
          return;
        }
        var acc : array<vec4<f32>, ${B}>;
        for (var r = 0; r < uniforms.k; r = r + 1) {
          var av = vec4<f32>(0.0);
          var bv = vec4<f32>(0.0);
          for (var i = 0; i < ${B}; i = i + 1) {
            if (m0 + i < uniforms.m) {
              av[i] = a[r * uniforms.m + m0 + i];
            }
            if (n0 + i < uniforms.n) {
              bv[i] = b[r * uniforms.n + n0 + i];
            }
          }
          for (var i = 0; i < ${B}; i = i + 1) {
            acc[i] = acc[i] + av[i] * bv;
          }
        }
        for (var i = 0; i < ${B}; i = i + 1) {
          for (var j = 0; j < ${B}; j = j + 1) {
            if (m0 + i < uniforms.m && n0 + j < uniforms.n) {
              result[(m0 + i) * uniforms.n + n0 + j] = acc[i][j];
            }
          }
        }
      }
    `;
  }
}
