// What the own convolution kernels share: which calls they take (NHWC, no dilation, float32
// buffers) and the Conv2DInfo of a call.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { ConvShape } from './core/convProducts';
import { storedAsFloat32 } from './storedDtype';

interface ConvAttrs {
  dataFormat?: string;
  dilations?: number | [number, number];
}

const hasDilation = (d: ConvAttrs['dilations']) =>
  d !== undefined && (Array.isArray(d) ? d.some((v) => v !== 1) : d !== 1);

/** Whether the own kernel takes the call (else the stock kernel runs it). */
export function ownConvTakes(
  backend: WebGPUBackend,
  attrs: ConvAttrs,
  a: tf.TensorInfo | undefined,
  b: tf.TensorInfo | undefined,
): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.shape.length === 4 &&
    b.shape.length === 4 &&
    storedAsFloat32(backend, a, b) &&
    attrs.dataFormat !== 'NCHW' &&
    !hasDilation(attrs.dilations)
  );
}

/** tfjs's Conv2DInfo for an NHWC input and filter shape. */
export function convShapeOf(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: {
    strides: number | [number, number];
    pad: tf.Conv2DAttrs['pad'];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  },
): ConvShape {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}
