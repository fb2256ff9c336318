import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../kernels/installKernels';
import { MODEL_NAMES } from '../protocol';
import { useCpuBackend } from '../testing/cpuBackend';
import {
  forwardProducts,
  randomBatch,
  relativeDifference,
  reluLayerOutputs,
} from '../testing/forwardProducts';
import { MODEL_SPECS } from './architecture';
import { buildModel } from './models';

beforeAll(useCpuBackend);
afterAll(() => installKernels('cpu', 'own'));

describe.each(MODEL_NAMES)('%s on the CPU, layer by layer', (name) => {
  it('gives every ReLU layer the output of layer.apply', async () => {
    const model = buildModel(name, 4);
    for (const { layer, own, reference } of await reluLayerOutputs(model)) {
      expect(relativeDifference(own, reference), layer).toBeLessThan(1e-5);
    }
    model.dispose();
  });
});

// The whole of alexnet takes ~10 s on tfjs's stock CPU kernels: its layers are checked above.
describe('alexnet-mini on the CPU with fused bias + ReLU', () => {
  it('gives the logits and gradients of the stock layers', async () => {
    const name = 'alexnet-mini';
    const model = buildModel(name, 4);
    const { images, labels } = randomBatch(MODEL_SPECS[name].inputSize, 2);
    installKernels('cpu', 'own');
    const own = await forwardProducts(model, MODEL_SPECS[name], 'own', images, labels);
    installKernels('cpu', 'stock');
    const stock = await forwardProducts(model, MODEL_SPECS[name], 'stock', images, labels);
    installKernels('cpu', 'own');
    expect(relativeDifference(own.logits, stock.logits)).toBeLessThan(1e-5);
    own.gradients.forEach((g, i) => {
      expect(relativeDifference(g, stock.gradients[i]!), `gradient ${i}`).toBeLessThan(1e-5);
    });
    tf.dispose([images, labels]);
    model.dispose();
  });
});
