// The split-K epilogue's second pass: adds the partial sums [splits, size] over the splits,
// one invocation per result entry (consecutive invocations read consecutive addresses).

import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
/** Invocations per workgroup (one invocation per result entry). */
export const SUM_SPLITS_WORKGROUP = 64;

export class SumSplitsProgram implements WebGPUProgram {
  variableNames = ['partials'];
  outputShape: number[];
  shaderKey = 'ownSumSplits';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [SUM_SPLITS_WORKGROUP, 1, 1];
  size = true;

  /** `outputShape` holds as many entries as one split of the [splits, size] partial sums. */
  constructor(outputShape: number[]) {
    this.outputShape = outputShape;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
    this.dispatch = webgpu_util.computeDispatch(
      this.dispatchLayout,
      outputShape,
      this.workgroupSize,
    );
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let splits = uniforms.partialsShape[0];
          let stride = uniforms.partialsShape[1];
          var sum = 0.0;
          for (var s = 0; s < splits; s = s + 1) {
            sum = sum + partials[s * stride + index];
          }
          setOutputAtIndex(index, sum);
        }
      }
    `;
  }
}
