// The geometry the own elementwise programs share (bias + ReLU, its input gradient, seeded dropout):
// a flat dispatch over the output, 64 invocations a workgroup and `width` elements an invocation,
// as tfjs's own elementwise programs do. No workgroup memory and one load per element, so the
// figures that matter are bytes moved and workgroups in flight: at batch 128 these passes run from
// 128 workgroups (alexnet-mini's dense layers, vec4s) to about 140,000 (alexnet's conv1 output).

import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';

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
