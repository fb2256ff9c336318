// What tfjs-layers runs outside a gradient tape (evaluation, prediction): conv + bias +
// activation (linear or ReLU) in one pass.

import { conv2dNhwc } from './conv';
import {
  type Shape4,
  Unsupported,
  readInput,
  readInputs,
  convAttrs,
  convInfo,
  type FastKernel,
} from './fastKernel';

export const fusedConv2dCpu: FastKernel = {
  kernelName: 'FusedConv2D',
  run: (backend, inputs, attrs) => {
    const { activation } = attrs;
    if ((activation !== 'relu' && activation !== 'linear') || inputs.preluActivationWeights) {
      throw new Unsupported();
    }
    const { values, shapes } = readInputs(backend, inputs, ['x', 'filter']);
    const [x, w] = values as [Float32Array, Float32Array];
    const info = convInfo(shapes[0] as Shape4, shapes[1] as Shape4, convAttrs(attrs));
    const bias = inputs.bias ? readInput(backend, inputs, 'bias').values : null;
    if (bias && bias.length !== info.outChannels) throw new Unsupported();
    const y = conv2dNhwc(x, w, info);
    addBiasAndActivation(y, bias, activation === 'relu');
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  },
};

function addBiasAndActivation(y: Float32Array, bias: Float32Array | null, relu: boolean): void {
  const channels = bias?.length ?? 1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]! + (bias ? bias[i % channels]! : 0);
    y[i] = relu && v < 0 ? 0 : v;
  }
}
