// Only the reduction over all axes but the last (bias gradients), which the stock kernel does
// by transposing the whole tensor first.

import * as tf from '@tensorflow/tfjs';
import { Unsupported, readInput, type FastKernel } from './fastKernel';
import { sumRows } from './math';

export const sumCpu: FastKernel = {
  kernelName: 'Sum',
  run: (backend, inputs, attrs) => {
    const { values, shape } = readInput(backend, inputs, 'x');
    const rank = shape.length;
    const width = shape[rank - 1];
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], shape);
    const leading = axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (rank < 2 || width === undefined || !leading) throw new Unsupported();
    const outShape =
      attrs.keepDims === true ? [...shape.slice(0, -1).map(() => 1), width] : [width];
    return backend.makeTensorInfo(outShape, 'float32', sumRows(values, width));
  },
};
