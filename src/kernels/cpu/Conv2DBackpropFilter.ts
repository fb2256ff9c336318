// The filter gradient of an NHWC convolution with conv.ts's loop.

import { conv2dFilterGradientNhwc } from './conv';
import {
  type Shape4,
  isShape4,
  Unsupported,
  readInputs,
  convAttrs,
  convInfo,
  type FastKernel,
} from './fastKernel';

export const conv2dBackpropFilterCpu: FastKernel = {
  kernelName: 'Conv2DBackpropFilter',
  run: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['x', 'dy']);
    const [x, dy] = values as [Float32Array, Float32Array];
    if (!isShape4(attrs.filterShape)) throw new Unsupported();
    const info = convInfo(shapes[0] as Shape4, attrs.filterShape, convAttrs(attrs));
    return backend.makeTensorInfo(
      info.filterShape,
      'float32',
      conv2dFilterGradientNhwc(x, dy, info),
    );
  },
};
