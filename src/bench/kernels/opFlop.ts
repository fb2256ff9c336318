// Floating-point operations of one call of a product (2 per multiply-add), for GFLOP/s. A conv
// layer's forward pass, input gradient and filter gradient each do batch x outH x outW x outC x
// kH x kW x inC multiply-adds; a dense layer's three products batch x inputs x units each.

import { conv, dense, type BenchLayer } from './opDescriptor';

const CONV_PRODUCTS = new Set([
  'forwardConv',
  'convBiasRelu',
  'inputGradient',
  'inputGradientMM',
  'filterGradient',
]);
const DENSE_PRODUCTS = new Set(['denseForward', 'denseInputGradient', 'denseWeightGradient']);

/** FLOP of one call of `op` on `layer` at `batch`; null for ops that are not products. */
export function opFlop(layer: BenchLayer, op: string, batch: number): number | null {
  if (layer.kind === 'conv' && CONV_PRODUCTS.has(op)) {
    const { output, filter } = conv(layer);
    const [kh, kw, cin, cout] = filter;
    return 2 * batch * output[0] * output[1] * cout * kh * kw * cin;
  }
  if (layer.kind === 'dense' && DENSE_PRODUCTS.has(op)) {
    const { inputs, units } = dense(layer);
    return 2 * batch * inputs * units;
  }
  return null;
}
