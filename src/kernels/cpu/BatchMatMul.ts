// A rank-2 matrix product (either side transposed) with math.ts's loop; batched products go to
// the stock kernel.

import { Unsupported, readInput, type FastKernel } from './fastKernel';
import { matMul2d, transpose2d } from './math';

export const batchMatMulCpu: FastKernel = {
  kernelName: 'BatchMatMul',
  run: (backend, inputs, attrs) => {
    const a = readInput(backend, inputs, 'a');
    const b = readInput(backend, inputs, 'b');
    if (a.shape.length !== 2 || b.shape.length !== 2) throw new Unsupported();
    const [aRows = 0, aCols = 0] = a.shape;
    const [bRows = 0, bCols = 0] = b.shape;
    const left = attrs.transposeA === true ? transpose2d(a.values, aRows, aCols) : a.values;
    const right = attrs.transposeB === true ? transpose2d(b.values, bRows, bCols) : b.values;
    const [m, k] = attrs.transposeA === true ? [aCols, aRows] : [aRows, aCols];
    const [k2, n] = attrs.transposeB === true ? [bCols, bRows] : [bRows, bCols];
    if (k !== k2) throw new Unsupported(); // let the stock kernel report the shape mismatch
    return backend.makeTensorInfo([m, n], 'float32', matMul2d(left, right, m, k, n));
  },
};
