// Test helper: tfjs on its CPU backend with the app's faster conv kernels.

import * as tf from '@tensorflow/tfjs';
import { installKernels } from '../kernels/installKernels';

export async function useCpuBackend(): Promise<void> {
  // Prod mode only silences tfjs's warnings, here the banner recommending tfjs-node.
  tf.enableProdMode();
  installKernels('cpu', 'own');
  if (!(await tf.setBackend('cpu'))) throw new Error('The tfjs CPU backend did not start.');
}
