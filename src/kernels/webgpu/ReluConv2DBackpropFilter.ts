// AlexnetReluConv2DBackpropFilter: a conv + bias + ReLU layer's filter gradient, the convolution's
// filter-gradient product on dy masked by the layer's output y, read in place (reluMasking.ts).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { RELU_CONV_FILTER_GRAD } from '../ownKernelNames';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMasked, viaMaskedDy } from './reluMasking';

export const reluConvFilterGradConfig: tf.KernelConfig = {
  kernelName: RELU_CONV_FILTER_GRAD,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { x, dy, y } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const backend = args.backend as WebGPUBackend;
    const shape = ownConvTakes(backend, attrs, x, dy)
      ? convShapeOf(x!.shape, attrs.filterShape, attrs)
      : undefined;
    const result = shape
      ? runMasked(
          backend,
          convKernelCall('filterGradient', shape, x!, dy!, [
            shape.filterHeight,
            shape.filterWidth,
            shape.inChannels,
            shape.outChannels,
          ]),
          'b',
          y,
        )
      : undefined;
    return result ?? viaMaskedDy(args, tf.Conv2DBackpropFilter, 'dy');
  },
};
