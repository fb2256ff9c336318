// BiasRelu's bias gradient on WebGPU, one dispatch: dBias = sum of dy * (y > 0) over all axes but
// the last, from dy and the forward output y. tfjs would run Step, Multiply, then a Sum that
// transposes the whole tensor first. One workgroup of 256 sums a few channels: its lanes stride down the rows
// and a tree in workgroup memory adds their partial sums, as tfjs's reductions do. Independent of
// the input gradient (biasReluGradX.ts): both read dy and y.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { inputInfo } from '../kernelAttrs';
import { BIAS_RELU_GRAD_BIAS } from '../ownKernelNames';
import { webgpuBackendOf } from './webgpuBackend';

const WORKGROUP = 256;
/** Rows each lane should sum before more lanes pay (until a workgroup is all lanes). */
const ROWS_PER_LANE = 64;

/** How the bias gradient of a [rows, channels] tensor is split (checked in its test). */
export function biasGradGeometry(rows: number, channels: number) {
  let lanes = 1;
  while (lanes < WORKGROUP && lanes * ROWS_PER_LANE < rows) lanes *= 2;
  const channelsPerGroup = WORKGROUP / lanes;
  const workgroups = Math.ceil(channels / channelsPerGroup);
  return { lanes, channelsPerGroup, workgroups, serialRows: Math.ceil(rows / lanes) };
}

export class BiasGradProgram implements WebGPUProgram {
  variableNames = ['Dy', 'Y'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms = 'rows : i32, channels : i32,';
  private readonly lanes: number;
  private readonly channelsPerGroup: number;

  constructor(rows: number, channels: number) {
    const geometry = biasGradGeometry(rows, channels);
    if (geometry.workgroups > 65535) {
      throw new Error(
        `${BIAS_RELU_GRAD_BIAS}: ${channels} channels are more than one dispatch takes.`,
      );
    }
    this.lanes = geometry.lanes;
    this.channelsPerGroup = geometry.channelsPerGroup;
    this.outputShape = [channels];
    this.workgroupSize = [this.channelsPerGroup, this.lanes, 1];
    this.dispatch = [geometry.workgroups, 1, 1];
    this.shaderKey = `alexnetBiasGrad_${this.channelsPerGroup}_${this.lanes}`;
  }

  getUserCode(): string {
    const perGroup = this.channelsPerGroup;
    return `
      var<workgroup> partial : array<f32, ${WORKGROUP}>;

      // The dispatch is flat, so index is workgroup * ${perGroup} + localId.x: this lane's channel.
      fn main(channel : i32) {
        let lane = i32(localId.y);
        let slot = lane * ${perGroup} + i32(localId.x);
        var sum = 0.0;
        if (channel < uniforms.channels) {
          for (var row = lane; row < uniforms.rows; row = row + ${this.lanes}) {
            let i = row * uniforms.channels + channel;
            sum = sum + select(0.0, Dy[i], Y[i] > 0.0);
          }
        }
        partial[slot] = sum;
        workgroupBarrier();
        for (var stride = ${this.lanes >> 1}; stride > 0; stride = stride / 2) {
          if (lane < stride) {
            partial[slot] = partial[slot] + partial[slot + stride * ${perGroup}];
          }
          workgroupBarrier();
        }
        if (lane == 0 && channel < uniforms.channels) {
          setOutputAtIndex(channel, partial[slot]);
        }
      }
    `;
  }
}

export const biasReluGradBiasWebGpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU_GRAD_BIAS,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const webgpu = webgpuBackendOf(backend, BIAS_RELU_GRAD_BIAS);
    const dy = inputInfo(inputs, 'dy', BIAS_RELU_GRAD_BIAS);
    const y = inputInfo(inputs, 'y', BIAS_RELU_GRAD_BIAS);
    const channels = dy.shape.at(-1) ?? 1;
    const rows = channels > 0 ? tf.util.sizeFromShape(dy.shape) / channels : 0;
    return webgpu.runWebGPUProgram(new BiasGradProgram(rows, channels), [dy, y], 'float32', [
      { type: 'int32', data: [rows] },
      { type: 'int32', data: [channels] },
    ]);
  },
};
