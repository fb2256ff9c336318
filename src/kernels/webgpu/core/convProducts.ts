// Each convolution product as a matrix product for the core (NHWC, no dilation). Pure: the
// kernels, their tests and the kernel benchmark share it.
//
//   forward          C[(b, oh, ow), co]  = patches(x)[(b, oh, ow), (kh, kw, ci)] x W[(kh, kw, ci), co]
//   filter gradient  C[(kh, kw, ci), co] = patches(x)^T[(kh, kw, ci), (b, oh, ow)] x dy[(b, oh, ow), co]
//   input gradient   C[(b, ih, iw), ci]  = dyPatches[(b, ih, iw), (kh, kw, co)] x W^T[(kh, kw, co), ci]
//
// Each C is, row-major, exactly the tensor wanted (y, dW, dx): no reshuffling afterwards.

import type { CoreProblem } from './coreGeometry';
import {
  dyPatchReader,
  filterTransposedReader,
  matrixReader,
  patchReader,
  type OperandReader,
} from './coreOperands';
import type { CoreConvUniforms } from './runMatMulCore';

/** The sizes that matter, as in tfjs's Conv2DInfo (NHWC). */
export interface ConvShape {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padInfo: { top: number; left: number };
}

export type ConvProductKind = 'forward' | 'filterGradient' | 'inputGradient';

export interface ConvProduct extends CoreProblem {
  a: OperandReader;
  b: OperandReader;
  conv: CoreConvUniforms;
}

export function convProduct(kind: ConvProductKind, s: ConvShape): ConvProduct {
  const pixels = s.batchSize * s.outHeight * s.outWidth;
  const taps = s.filterHeight * s.filterWidth;
  const ci4 = s.inChannels % 4 === 0;
  const co4 = s.outChannels % 4 === 0;
  const conv: CoreConvUniforms = {
    input: [s.batchSize, s.inHeight, s.inWidth, s.inChannels],
    output: [s.batchSize, s.outHeight, s.outWidth, s.outChannels],
    filter: [s.filterHeight, s.filterWidth],
    stride: [s.strideHeight, s.strideWidth],
    pad: [s.padInfo.top, s.padInfo.left],
  };
  const product = (m: number, n: number, k: number, a: OperandReader, b: OperandReader) => ({
    m,
    n,
    k,
    a,
    b,
    vec4A: a.vec4,
    vec4B: b.vec4,
    conv,
  });
  switch (kind) {
    case 'forward':
      return product(
        pixels,
        s.outChannels,
        taps * s.inChannels,
        patchReader('pixelRows', ci4),
        matrixReader('B', false, co4),
      );
    case 'filterGradient':
      return product(
        taps * s.inChannels,
        s.outChannels,
        pixels,
        patchReader('tapRows', ci4),
        matrixReader('B', false, co4),
      );
    case 'inputGradient':
      return product(
        s.batchSize * s.inHeight * s.inWidth,
        s.inChannels,
        taps * s.outChannels,
        dyPatchReader(co4),
        filterTransposedReader(co4),
      );
  }
}
