// Shared by the kernels of a ReLU layer's gradient products (ReluConv2DBackpropInput.ts,
// ReluConv2DBackpropFilter.ts, ReluMaskedMatMul.ts), which work on dy * (y > 0) read straight from
// dy and the layer's output y by a masked operand reader (core/coreOperands.ts): the masked dy is
// never written, which saves one dispatch per layer (the bias gradient still reads dy and y
// itself).
// Inputs the core cannot take run BiasReluGradX, then the registered plain kernel.

import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_RELU_GRAD_X } from '../ownKernelNames';
import { maskedByPositive } from './core/coreOperands';
import { runMatMulCore, type CoreCall } from './core/runMatMulCore';
import { runRegistered } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

export type Args = Parameters<tf.KernelFunc>[0];

/** BiasReluGradX on dy and y, then the registered `plain` kernel with the masked dy as `dyName`. */
export function viaMaskedDy(args: Args, plain: string, dyName: string): tf.TensorInfo {
  const { inputs, attrs } = args;
  const backend = args.backend as WebGPUBackend;
  const caller = `${plain} on a ReLU's output`;
  const { y, ...rest } = inputs;
  const dy = rest[dyName];
  const masked = runRegistered(caller, BIAS_RELU_GRAD_X, backend, { dy: dy!, y: y! });
  const out = runRegistered(caller, plain, backend, { ...rest, [dyName]: masked }, attrs ?? {});
  backend.disposeData(masked.dataId);
  return out;
}

/** The core call with the operand reading dy masked by y, or undefined where it cannot. */
export function runMasked(
  backend: WebGPUBackend,
  call: CoreCall,
  side: 'a' | 'b',
  y: tf.TensorInfo | undefined,
): tf.TensorInfo | undefined {
  if (!y || !storedAsFloat32(backend, y)) return undefined;
  const masked =
    side === 'a'
      ? { ...call, a: maskedByPositive(call.a), inputs: { ...call.inputs, maskA: y } }
      : { ...call, b: maskedByPositive(call.b), inputs: { ...call.inputs, maskB: y } };
  return runMatMulCore(backend, masked);
}
