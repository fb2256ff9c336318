// The input gradient of an NHWC convolution with conv.ts's loop.

import { conv2dInputGradientNhwc } from './conv';
import {
  type Shape4,
  isShape4,
  Unsupported,
  readInputs,
  convAttrs,
  convInfo,
  type FastKernel,
} from './fastKernel';

export const conv2dBackpropInputCpu: FastKernel = {
  kernelName: 'Conv2DBackpropInput',
  run: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['dy', 'filter']);
    const [dy, w] = values as [Float32Array, Float32Array];
    if (!isShape4(attrs.inputShape)) throw new Unsupported();
    const info = convInfo(attrs.inputShape, shapes[1] as Shape4, convAttrs(attrs));
    return backend.makeTensorInfo(info.inShape, 'float32', conv2dInputGradientNhwc(dy, w, info));
  },
};
