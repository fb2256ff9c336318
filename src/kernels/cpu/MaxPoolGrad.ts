// Max-pool's gradient in NHWC with conv.ts's loop.

import * as tf from '@tensorflow/tfjs';
import { maxPoolGradientNhwc } from './conv';
import {
  type Shape4,
  isPair,
  isPad,
  isRounding,
  Unsupported,
  readInputs,
  type FastKernel,
} from './fastKernel';

export const maxPoolGradCpu: FastKernel = {
  kernelName: 'MaxPoolGrad',
  run: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['dy', 'input']);
    const [dy, x] = values as [Float32Array, Float32Array];
    const { filterSize, strides, pad, dimRoundingMode } = attrs;
    if (!isPair(filterSize) || !isPair(strides) || !isPad(pad) || !isRounding(dimRoundingMode)) {
      throw new Unsupported();
    }
    const xShape = shapes[1] as Shape4;
    const info = tf.backend_util.computePool2DInfo(
      xShape,
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode ?? undefined,
    );
    return backend.makeTensorInfo(xShape, 'float32', maxPoolGradientNhwc(dy, x, info));
  },
};
