// AlexnetReluConv2DBackpropInput: a conv + bias + ReLU layer's input gradient, the convolution's
// input-gradient product on dy masked by the layer's output y, read in place (reluMasking.ts).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { RELU_CONV_INPUT_GRAD } from '../ownKernelNames';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMasked, viaMaskedDy } from './reluMasking';

export const reluConvInputGradConfig: tf.KernelConfig = {
  kernelName: RELU_CONV_INPUT_GRAD,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { dy, y, filter } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const backend = args.backend as WebGPUBackend;
    const takes = ownConvTakes(backend, attrs, dy, filter) && attrs.inputShape.length === 4;
    const shape = takes ? convShapeOf(attrs.inputShape, filter!.shape, attrs) : undefined;
    const result = shape
      ? runMasked(
          backend,
          convKernelCall('inputGradient', shape, dy!, filter!, [...attrs.inputShape]),
          'a',
          y,
        )
      : undefined;
    return result ?? viaMaskedDy(args, tf.Conv2DBackpropInput, 'dy');
  },
};
