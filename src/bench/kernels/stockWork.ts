// The stock side's work for a benchmark row: tfjs's own program for the op at a batch, from
// src/kernels/webgpu/stockGeometry.ts (read from tfjs's source), for the rows whose stock program
// that models; undefined elsewhere (tfjs's matmul-based input gradient, its split-K and small
// matmul programs, the elementwise training ops).

import { convShapeOf } from '../../kernels/webgpu/convKernelArgs';
import {
  stockConv2DWork,
  stockFilterGradientWork,
  stockInputGradientWork,
  stockMatMulWork,
  type StockWork,
} from '../../kernels/webgpu/stockGeometry';
import { conv, dense, type BenchLayer } from './opDescriptor';

export function stockWorkFor(op: string, layer: BenchLayer, batch: number): StockWork | undefined {
  if (layer.kind === 'conv') {
    const c = conv(layer);
    const shape = convShapeOf([batch, ...c.input], c.filter, { strides: c.stride, pad: c.pad });
    switch (op) {
      case 'forwardConv':
      case 'convBiasRelu':
        return stockConv2DWork(shape);
      case 'inputGradient':
        return stockInputGradientWork(shape);
      case 'filterGradient':
        return stockFilterGradientWork(shape);
      default:
        return undefined;
    }
  }
  const { inputs, units } = dense(layer);
  switch (op) {
    case 'denseForward':
      return stockMatMulWork(batch, units, inputs, false, false);
    case 'denseInputGradient':
      return stockMatMulWork(batch, inputs, units, false, true);
    case 'denseWeightGradient':
      return stockMatMulWork(inputs, units, batch, true, false);
    default:
      return undefined;
  }
}
