// Reads a kernel's numeric attributes, so every own kernel (CPU or WebGPU) rejects a malformed call
// with a message naming the kernel and the attribute instead of computing with NaN.

import type * as tf from '@tensorflow/tfjs';

export function numberAttr(
  attrs: tf.NamedAttrMap | undefined,
  name: string,
  kernel: string,
): number {
  const value = attrs?.[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(
      `${kernel}: attribute "${name}" must be a finite number, got ${JSON.stringify(value) ?? typeof value}.`,
    );
  }
  return value;
}

/** The input named `name`, or an error naming the kernel. */
export function inputInfo(
  inputs: tf.NamedTensorInfoMap,
  name: string,
  kernel: string,
): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`${kernel}: missing input "${name}".`);
  if (info.dtype !== 'float32') {
    throw new Error(`${kernel}: input "${name}" must be float32, got ${info.dtype}.`);
  }
  return info;
}
