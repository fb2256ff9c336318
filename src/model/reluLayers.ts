// The conv and ReLU-dense layers' forward pass through the fused ops (src/kernels): a conv layer as
// convBiasRelu, a dense layer as denseBiasRelu (on WebGPU each one dispatch: the product with bias
// and ReLU in its epilogue; elsewhere the product, then relu(y + bias) in one kernel). tfjs-layers
// would run the product, Add and Relu (and Step, Multiply
// and Sum backward) while a gradient is taped. The weights stay in the tfjs layers, so saving,
// trainableWeights and the optimizer see the same variables either way.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol';
import { biasRelu } from '../kernels/biasRelu';
import { convBiasRelu } from '../kernels/convBiasRelu';
import { denseBiasRelu } from '../kernels/denseBiasRelu';

function weight(layer: tf.layers.Layer, name: 'kernel' | 'bias'): tf.Tensor | undefined {
  return layer.trainableWeights.find((w) => w.originalName.endsWith(`/${name}`))?.read();
}

const isPair = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number');

/**
 * `layer` applied to `x` through biasRelu, or null when the layer is not a ReLU conv or dense layer
 * of the shape this handles, or when `kernels` is 'stock': the caller then applies the layer as
 * tfjs-layers does.
 */
export function applyWithBiasRelu(
  layer: tf.layers.Layer,
  x: tf.Tensor,
  kernels: KernelMode,
): tf.Tensor | null {
  const config = layer.getConfig();
  if (config.activation !== 'relu' || config.useBias !== true || kernels === 'stock') return null;
  const kernel = weight(layer, 'kernel');
  const bias = weight(layer, 'bias');
  if (!kernel || bias?.rank !== 1) return null;
  switch (layer.getClassName()) {
    case 'Conv2D': {
      const { strides, padding, dataFormat, dilationRate } = config;
      const dilations =
        typeof dilationRate === 'number' ? [dilationRate, dilationRate] : dilationRate;
      if (
        x.rank !== 4 ||
        kernel.rank !== 4 ||
        dataFormat !== 'channelsLast' ||
        (padding !== 'same' && padding !== 'valid') ||
        !isPair(strides) ||
        !isPair(dilations)
      ) {
        return null;
      }
      if (dilations.every((d) => d === 1)) {
        // One dispatch where the fused kernel is registered (WebGPU, own kernels).
        return convBiasRelu(
          x as tf.Tensor4D,
          kernel as tf.Tensor4D,
          bias as tf.Tensor1D,
          strides,
          padding,
          kernels,
        );
      }
      const y = tf.conv2d(
        x as tf.Tensor4D,
        kernel as tf.Tensor4D,
        strides,
        padding,
        'NHWC',
        dilations,
      );
      return biasRelu(y, bias as tf.Tensor1D, kernels);
    }
    case 'Dense':
      if (x.rank !== 2 || kernel.rank !== 2) return null;
      // One dispatch in 'own' mode where the fused kernel is registered (WebGPU).
      return denseBiasRelu(x as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D, kernels);
    default:
      return null;
  }
}
