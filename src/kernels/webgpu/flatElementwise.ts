// The geometry the own elementwise programs share (bias + ReLU, its input gradient, seeded dropout):
// a flat dispatch over the output, 64 invocations a workgroup and `width` elements an invocation,
// as tfjs's own elementwise programs do. No workgroup memory and one load per element, so the
// figures that matter are bytes moved and workgroups in flight: at batch 128 these passes run from
// 128 workgroups (alexnet-mini's dense layers, vec4s) to about 140,000 (alexnet's conv1 output).

import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const ELEMENTWISE_WORKGROUP_SIZE = 64;

/** 4 when `size` (a row of channels, or a whole tensor) splits evenly into vec4s, else 1. */
export const vectorWidth = (size: number): 1 | 4 => (size % 4 === 0 ? 4 : 1);

/** The WGSL type of `width` floats. */
export const floatType = (width: 1 | 4): string => (width === 4 ? 'vec4<f32>' : 'f32');

export interface FlatGeometry {
  dispatchLayout: { x: number[] };
  /** Workgroups along x (tfjs's backend folds counts past the per-dimension limit into y). */
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
}

/** The dispatch of an elementwise program over `shape`, `width` elements an invocation. */
export function flatGeometry(shape: number[], width: 1 | 4 = 1): FlatGeometry {
  const workgroupSize: [number, number, number] = [ELEMENTWISE_WORKGROUP_SIZE, 1, 1];
  const dispatchLayout = webgpu_util.flatDispatchLayout(shape);
  const dispatch = webgpu_util.computeDispatch(dispatchLayout, shape, workgroupSize, [width, 1, 1]);
  return { dispatchLayout, dispatch, workgroupSize };
}

/**
 * An elementwise program over `shape` on flatGeometry: a subclass names its inputs and gives the WGSL
 * of `main(index)`, which checks `index < uniforms.size` itself, as tfjs's own elementwise programs
 * do (the last workgroup runs past the end). `width` 4 reads the output and every input as vec4s, 1
 * as floats; null leaves tfjs's defaults (floats, no components set).
 */
export abstract class FlatElementwiseProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size = true;
  outputComponent?: number;
  variableComponents?: number[];

  protected constructor(
    public variableNames: string[],
    name: string,
    shape: number[],
    protected readonly width: 1 | 4 | null,
  ) {
    this.outputShape = shape;
    this.shaderKey = width === null ? name : `${name}_${width}`;
    if (width !== null) {
      this.outputComponent = width;
      this.variableComponents = variableNames.map(() => width);
    }
    ({
      dispatchLayout: this.dispatchLayout,
      dispatch: this.dispatch,
      workgroupSize: this.workgroupSize,
    } = flatGeometry(shape, width ?? 1));
  }

  /** The WGSL type of one element as the program reads it: f32 or vec4<f32>. */
  protected get elementType(): string {
    return floatType(this.width === 4 ? 4 : 1);
  }

  abstract getUserCode(): string;
}
