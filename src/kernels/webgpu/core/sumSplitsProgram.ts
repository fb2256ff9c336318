// The split-K epilogue's second pass: adds the partial sums [splits, size] over the splits, one
// invocation per result entry (consecutive invocations read consecutive addresses), and applies
// the call's own epilogue to the sum: store it, add the bias (one per column of the [rows,
// columns] result), or add the bias and apply ReLU.

import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
import { epilogueHasBias, type CoreEpilogue } from './matMulCoreProgram';

/** Invocations per workgroup (one invocation per result entry). */
export const SUM_SPLITS_WORKGROUP = 64;

export type SumEpilogue = Exclude<CoreEpilogue, 'partial'>;

export class SumSplitsProgram implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [SUM_SPLITS_WORKGROUP, 1, 1];
  size = true;
  private readonly epilogue: SumEpilogue;

  /**
   * `outputShape` holds as many entries as one split of the [splits, size] partial sums; with a
   * bias, its last axis is the bias's.
   */
  constructor(outputShape: number[], epilogue: SumEpilogue = 'store') {
    this.outputShape = outputShape;
    this.epilogue = epilogue;
    this.variableNames = epilogueHasBias(epilogue) ? ['partials', 'bias'] : ['partials'];
    this.shaderKey = `ownSumSplits_${epilogue}`;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
    this.dispatch = webgpu_util.computeDispatch(
      this.dispatchLayout,
      outputShape,
      this.workgroupSize,
    );
  }

  getUserCode(): string {
    const bias = 'bias[index % uniforms.biasShape]';
    const value =
      this.epilogue === 'biasRelu'
        ? `max(sum + ${bias}, 0.0)`
        : this.epilogue === 'bias'
          ? `sum + ${bias}`
          : 'sum';
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let splits = uniforms.partialsShape[0];
          let stride = uniforms.partialsShape[1];
          var sum = 0.0;
          for (var s = 0; s < splits; s = s + 1) {
            sum = sum + partials[s * stride + index];
          }
          setOutputAtIndex(index, ${value});
        }
      }
    `;
  }
}
