import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { installKernels } from '../kernels/installKernels';
import {
  forwardProducts,
  randomBatch,
  relativeDifference,
  reluLayerOutputs,
} from '../testing/forwardProducts';
import { describeWebGpu, useWebGpuBackend } from '../testing/webgpuNode';
import { MODEL_SPECS } from './architecture';
import { buildModel } from './models';

describeWebGpu('the models on WebGPU with fused bias + ReLU', () => {
  beforeAll(() => useWebGpuBackend('own'));
  afterAll(() => installKernels('webgpu', 'own'));

  // The software adapter takes seconds a layer for alexnet's: its conv1 (11x11, stride 4, no
  // padding) is the one configuration alexnet-mini lacks. All are checked on the CPU.
  it.each([
    ['alexnet-mini', 'every'],
    ['alexnet', 'conv1'],
  ] as const)('%s: %s ReLU layer gives the output of layer.apply', async (name, which) => {
    const model = buildModel(name, 4);
    const only = which === 'every' ? undefined : [which];
    for (const { layer, own, reference } of await reluLayerOutputs(model, only)) {
      expect(relativeDifference(own, reference), layer).toBeLessThan(1e-5);
    }
    model.dispose();
  });

  // A whole alexnet takes minutes on the software adapter: its layers are checked one by one above.
  it('alexnet-mini: the logits and gradients of the stock layers', async () => {
    const model = buildModel('alexnet-mini', 4);
    const { images, labels } = randomBatch(MODEL_SPECS['alexnet-mini'].inputSize, 2);
    const spec = MODEL_SPECS['alexnet-mini'];
    const own = await forwardProducts(model, spec, 'own', images, labels);
    installKernels('webgpu', 'stock');
    const stock = await forwardProducts(model, spec, 'stock', images, labels);
    installKernels('webgpu', 'own');
    expect(relativeDifference(own.logits, stock.logits)).toBeLessThan(1e-5);
    own.gradients.forEach((g, i) => {
      expect(relativeDifference(g, stock.gradients[i]!), `gradient ${i}`).toBeLessThan(1e-5);
    });
    tf.dispose([images, labels]);
    model.dispose();
  });
});
