// Runs one product on the matrix-product core: plans it for this adapter (coreGeometry.ts), runs
// MatMulCoreProgram and, when the reduction was split, SumSplitsProgram over the partial sums.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runsOnSoftwareAdapter } from '../adapterKind';
import {
  GPU_SPLIT_POLICY,
  planCore,
  SOFTWARE_SPLIT_POLICY,
  type CorePlan,
  type CoreTiling,
  type SplitPolicy,
} from './coreGeometry';
import type { OperandReader } from './coreOperands';
import { epilogueHasBias, MatMulCoreProgram } from './matMulCoreProgram';
import { SumSplitsProgram, type SumEpilogue } from './sumSplitsProgram';

/** Overrides for tests: force a tiling or a split policy. */
export interface CoreOptions {
  tilings?: readonly CoreTiling[];
  policy?: SplitPolicy;
}

/** Convolution sizes the operand readers use (zeros for plain matrices). */
export interface CoreConvUniforms {
  /** [batch, height, width, channels] of the conv input and output. */
  input: [number, number, number, number];
  output: [number, number, number, number];
  filter: [number, number];
  stride: [number, number];
  /** Top and left padding. */
  pad: [number, number];
}

export interface CoreCall {
  m: number;
  n: number;
  k: number;
  batch?: number;
  a: OperandReader;
  b: OperandReader;
  /** The operands, the bias of a bias epilogue, and the masks of masked readers (y, as dy). */
  inputs: {
    a: tf.TensorInfo;
    b: tf.TensorInfo;
    bias?: tf.TensorInfo;
    maskA?: tf.TensorInfo;
    maskB?: tf.TensorInfo;
  };
  /** Entries of a batch's A and B between consecutive batches (0: broadcast). */
  batchStrides?: [number, number];
  conv?: CoreConvUniforms;
  /** 'store', 'bias' or 'biasRelu' (with splits, the pass adding them applies it). */
  epilogue: SumEpilogue;
  outputShape: number[];
}

/** The split policy for this adapter: a CPU-emulated one splits little; limits are the device's. */
export function splitPolicyFor(backend: WebGPUBackend): SplitPolicy {
  const base = runsOnSoftwareAdapter(backend) ? SOFTWARE_SPLIT_POLICY : GPU_SPLIT_POLICY;
  const { limits } = backend.device;
  return {
    ...base,
    maxWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    maxBindingBytes: limits.maxStorageBufferBindingSize,
  };
}

export function planCall(backend: WebGPUBackend, call: CoreCall, options: CoreOptions = {}) {
  return planCore(
    { m: call.m, n: call.n, k: call.k, batch: call.batch, vec4A: call.a.vec4, vec4B: call.b.vec4 },
    options.policy ?? splitPolicyFor(backend),
    { tilings: options.tilings },
  );
}

/** The product, or undefined when no plan fits the adapter (the caller runs the stock kernel). */
export function runMatMulCore(
  backend: WebGPUBackend,
  call: CoreCall,
  options: CoreOptions = {},
): tf.TensorInfo | undefined {
  const plan: CorePlan | undefined = planCall(backend, call, options);
  if (!plan) return undefined;
  const split = plan.splits > 1;
  const vec4Out = call.n % 4 === 0;
  const program = new MatMulCoreProgram({
    a: call.a,
    b: call.b,
    epilogue: split ? 'partial' : call.epilogue,
    plan,
    vec4Out,
    outputShape: split ? [plan.splits, call.m * call.n] : call.outputShape,
  });
  const conv = call.conv ?? {
    input: [0, 0, 0, 0],
    output: [0, 0, 0, 0],
    filter: [0, 0],
    stride: [0, 0],
    pad: [0, 0],
  };
  const [aStride, bStride] = call.batchStrides ?? [0, 0];
  const int = (data: number[]) => ({ type: 'int32', data });
  const uniforms = [
    int([call.m]),
    int([call.n]),
    int([call.k]),
    int([plan.chunk]),
    int([aStride]),
    int([bStride]),
    int([plan.splits]),
    int(conv.input),
    int(conv.output),
    int(conv.filter),
    int(conv.stride),
    int(conv.pad),
  ];
  const { a, b, bias, maskA, maskB } = call.inputs;
  const withBias = epilogueHasBias(call.epilogue);
  if (withBias && !bias) throw new Error(`The core's '${call.epilogue}' epilogue needs a bias.`);
  if ((call.a.masked && !maskA) || (call.b.masked && !maskB)) {
    throw new Error("A masked operand reader needs its mask in the core's inputs.");
  }
  // In the order MatMulCoreProgram declares them, each as a flat run of numbers: the shader takes
  // every size from its own uniforms, and tfjs's pipeline key counts the inputs' shapes against the
  // output's (for helpers the core never calls). With the real shapes, two layers whose WGSL is the
  // same (conv3 and conv4's forward passes, fc1 and fc2's) compiled one pipeline each.
  const inputs = [
    a,
    b,
    ...(call.a.masked ? [maskA!] : []),
    ...(call.b.masked ? [maskB!] : []),
    ...(withBias && !split ? [bias!] : []),
  ].map(flat);
  const result = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  if (!split) return result;
  const sumProgram = new SumSplitsProgram(call.outputShape, call.epilogue);
  const sum = backend.runWebGPUProgram(
    sumProgram,
    withBias ? [result, bias!] : [result],
    'float32',
  );
  backend.disposeData(result.dataId);
  return sum;
}

/** `info` seen as one axis of all its elements: the same buffer, read by index. */
function flat(info: tf.TensorInfo): tf.TensorInfo {
  return { ...info, shape: [tf.util.sizeFromShape(info.shape)] };
}
