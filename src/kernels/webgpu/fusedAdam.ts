// One Adam update on WebGPU in one dispatch: reads w, m, v and g, writes new w, m and v (tfjs's
// AdamOptimizer runs 14 dispatches a variable for the same arithmetic, ../adamStep.ts).
//
// A tfjs WebGPU program writes exactly one output buffer, so this kernel records its own compute
// pass instead: it binds the tensors' GPU buffers (backend.tensorMap) to a pipeline of its own.
// tfjs batches the dispatches it records into a command encoder and submits them now and then; the
// gradient this update reads may still be in that encoder, so it is submitted first, then this
// update as a command buffer of its own, then tfjs goes on with a fresh encoder: the queue runs
// them in that order. The outputs are fresh tensors (assign swaps them into the variables), so a
// tensor that shares a buffer with a variable (a clone) never sees it change.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { adamStepConstants, type AdamStepConstants } from '../adamStep';
import { inputInfo } from '../kernelAttrs';
import { FUSED_ADAM } from '../ownKernelNames';
import { timeOwnPass } from './ownPassTimer';
import { webgpuBackendOf } from './webgpuBackend';

const WORKGROUP = 256;

const SHADER = /* wgsl */ `
struct AdamStep {
  beta1 : f32,
  oneMinusBeta1 : f32,
  beta2 : f32,
  oneMinusBeta2 : f32,
  oneMinusAccBeta1 : f32,
  oneMinusAccBeta2 : f32,
  epsilon : f32,
  negLearningRate : f32,
  keepWeight : f32,
  size : u32,
};

@group(0) @binding(0) var<storage, read> w : array<f32>;
@group(0) @binding(1) var<storage, read> m : array<f32>;
@group(0) @binding(2) var<storage, read> v : array<f32>;
@group(0) @binding(3) var<storage, read> g : array<f32>;
@group(0) @binding(4) var<storage, read_write> wOut : array<f32>;
@group(0) @binding(5) var<storage, read_write> mOut : array<f32>;
@group(0) @binding(6) var<storage, read_write> vOut : array<f32>;
@group(0) @binding(7) var<uniform> adam : AdamStep;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id : vec3<u32>,
        @builtin(num_workgroups) groups : vec3<u32>) {
  let i = id.y * groups.x * ${WORKGROUP}u + id.x;
  if (i >= adam.size) {
    return;
  }
  let grad = g[i];
  let newM = m[i] * adam.beta1 + grad * adam.oneMinusBeta1;
  let newV = v[i] * adam.beta2 + (grad * grad) * adam.oneMinusBeta2;
  let mHat = newM / adam.oneMinusAccBeta1;
  let vHat = newV / adam.oneMinusAccBeta2;
  wOut[i] = (mHat / (sqrt(vHat) + adam.epsilon)) * adam.negLearningRate + w[i] * adam.keepWeight;
  mOut[i] = newM;
  vOut[i] = newV;
}
`;

/** Bytes of the AdamStep uniform: nine f32 and a u32, rounded up to 16. */
const UNIFORM_BYTES = 48;

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function pipelineFor(device: GPUDevice): GPUComputePipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SHADER, label: FUSED_ADAM });
    pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
      label: FUSED_ADAM,
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

function uniformData(k: AdamStepConstants, size: number): ArrayBuffer {
  const data = new ArrayBuffer(UNIFORM_BYTES);
  new Float32Array(data, 0, 9).set([
    k.beta1,
    k.oneMinusBeta1,
    k.beta2,
    k.oneMinusBeta2,
    k.oneMinusAccBeta1,
    k.oneMinusAccBeta2,
    k.epsilon,
    k.negLearningRate,
    k.keepWeight,
  ]);
  new Uint32Array(data, 36, 1)[0] = size;
  return data;
}

function bufferOf(backend: WebGPUBackend, info: tf.TensorInfo): GPUBuffer {
  backend.uploadToGPU(info.dataId);
  const resource = backend.tensorMap.get(info.dataId).resource;
  if (!(resource instanceof GPUBuffer)) {
    throw new Error(`${FUSED_ADAM}: a tensor is not held in a GPU buffer.`);
  }
  return resource;
}

/** Workgroups in x and y for `size` elements, within the per-dimension limit. */
export function adamDispatch(size: number, maxPerDimension: number): [number, number] {
  const groups = Math.ceil(size / WORKGROUP);
  const x = Math.min(groups, maxPerDimension);
  return [x, Math.ceil(groups / x)];
}

export const fusedAdamWebGpuConfig: tf.KernelConfig = {
  kernelName: FUSED_ADAM,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const gpu = webgpuBackendOf(backend, FUSED_ADAM);
    const state = ['w', 'm', 'v', 'g'].map((name) => inputInfo(inputs, name, FUSED_ADAM));
    const [w] = state as [tf.TensorInfo];
    const size = tf.util.sizeFromShape(w.shape);
    if (state.some((t) => tf.util.sizeFromShape(t.shape) !== size)) {
      throw new Error(`${FUSED_ADAM}: w, m, v and g must have the same size.`);
    }
    const constants = adamStepConstants(attrs);
    if (size === 0) {
      return [0, 1, 2].map(() => gpu.makeTensorInfo(w.shape, 'float32', new Float32Array(0)));
    }
    const outputs = [0, 1, 2].map(() => gpu.makeTensorInfo(w.shape, 'float32'));
    const buffers = [...state, ...outputs].map((info) => bufferOf(gpu, info));
    const { device, queue, bufferManager } = gpu;
    const pipeline = pipelineFor(device);
    const uniform = bufferManager.acquireBuffer(
      UNIFORM_BYTES,
      GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    );
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        ...buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
        { binding: buffers.length, resource: { buffer: uniform } },
      ],
    });
    // Everything tfjs recorded so far (the gradient, the uploads above) goes to the queue first.
    gpu.ensureCommandEncoderReady();
    gpu.endComputePassEncoder();
    gpu.submitQueue();
    queue.writeBuffer(uniform, 0, uniformData(constants, size));
    const encoder = device.createCommandEncoder({ label: FUSED_ADAM });
    // Timed only while tf.profile / tf.time records (the Performance panel's sampled step).
    const timing = timeOwnPass(gpu, FUSED_ADAM);
    const timestampWrites = timing.timestampWrites
      ? { timestampWrites: timing.timestampWrites }
      : {};
    const pass = encoder.beginComputePass({ label: FUSED_ADAM, ...timestampWrites });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(...adamDispatch(size, device.limits.maxComputeWorkgroupsPerDimension));
    pass.end();
    timing.resolve(encoder);
    queue.submit([encoder.finish()]);
    timing.submitted();
    // Safe to reuse now: any later write to it is queued after this submission.
    bufferManager.releaseBuffer(uniform);
    return outputs;
  },
};
