// conv2d in NHWC with conv.ts's loop (training's forward pass).

import { conv2dNhwc } from './conv';
import { type Shape4, readInputs, convAttrs, convInfo, type FastKernel } from './fastKernel';

export const conv2dCpu: FastKernel = {
  kernelName: 'Conv2D',
  run: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['x', 'filter']);
    const [x, w] = values as [Float32Array, Float32Array];
    const info = convInfo(shapes[0] as Shape4, shapes[1] as Shape4, convAttrs(attrs));
    return backend.makeTensorInfo(info.outShape, 'float32', conv2dNhwc(x, w, info));
  },
};
