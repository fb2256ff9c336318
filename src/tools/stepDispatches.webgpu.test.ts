import { expect, it } from 'vitest';
import { countTrainingStepDispatches } from './stepDispatches';
import { describeWebGpu, useWebGpuBackend } from '../testing/webgpuNode';

describeWebGpu('GPU dispatches of one alexnet-mini training step', () => {
  it('are at most half as many with the own kernels as with stock tfjs', async () => {
    await useWebGpuBackend('stock');
    const stock = await countTrainingStepDispatches('alexnet-mini', 2, 'stock');
    await useWebGpuBackend('own');
    const own = await countTrainingStepDispatches('alexnet-mini', 2, 'own');
    console.info(`alexnet-mini step at batch 2: ${stock} dispatches stock, ${own} own`);
    expect(stock).toBeGreaterThan(300); // the count itself works: tfjs's step is ~350
    expect(own).toBeLessThanOrEqual(stock / 2);
  });
});
