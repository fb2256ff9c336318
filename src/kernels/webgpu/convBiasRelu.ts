// The fused conv + bias + ReLU kernel (../convBiasRelu.ts) on WebGPU: the forward convolution on the
// matrix-product core with the bias-and-ReLU epilogue, one dispatch. Inputs it cannot take (not
// float32 buffers) run as Conv2D, then BiasRelu.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_RELU, CONV_BIAS_RELU } from '../ownKernelNames';
import type { ConvBiasReluAttrs } from '../convBiasRelu';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMatMulCore } from './core/runMatMulCore';
import { runRegistered } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

export const convBiasReluWebGpuConfig: tf.KernelConfig = {
  kernelName: CONV_BIAS_RELU,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { x, filter, bias } = args.inputs;
    const attrs = args.attrs as unknown as ConvBiasReluAttrs;
    const backend = args.backend as WebGPUBackend;
    if (!x || !filter || !bias) throw new Error(`${CONV_BIAS_RELU} needs x, filter and bias.`);
    const shape = convShapeOf(x.shape, filter.shape, attrs);
    const outShape = [shape.batchSize, shape.outHeight, shape.outWidth, shape.outChannels];
    const fused =
      ownConvTakes(backend, {}, x, filter) && storedAsFloat32(backend, bias)
        ? runMatMulCore(backend, convKernelCall('forward', shape, x, filter, outShape, bias))
        : undefined;
    if (fused) return fused;
    const conv = { ...attrs, dilations: 1, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap;
    const y = runRegistered(CONV_BIAS_RELU, tf.Conv2D, backend, { x, filter }, conv);
    const out = runRegistered(CONV_BIAS_RELU, BIAS_RELU, backend, { x: y, bias });
    backend.disposeData(y.dataId);
    return out;
  },
};
