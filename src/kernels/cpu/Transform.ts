// A fixed Transform (nearest, constant fill): the stock one handles only the first image of a
// batch, and the augmentation transforms whole batches.

import { transformNearestNhwc } from './conv';
import { type Shape4, Unsupported, readInput, readInputs, type FastKernel } from './fastKernel';

export const transformCpu: FastKernel = {
  kernelName: 'Transform',
  run: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['image']);
    const transforms = readInput(backend, inputs, 'transforms').values;
    const { interpolation, fillMode, fillValue, outputShape } = attrs;
    if (
      interpolation !== 'nearest' ||
      fillMode !== 'constant' ||
      typeof fillValue !== 'number' ||
      (outputShape !== undefined && outputShape !== null)
    ) {
      throw new Unsupported();
    }
    const shape = shapes[0] as Shape4;
    const out = transformNearestNhwc(values[0] as Float32Array, shape, transforms, fillValue);
    return backend.makeTensorInfo(shape, 'float32', out);
  },
};
