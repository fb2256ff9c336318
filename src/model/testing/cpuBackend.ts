// Test helper: tfjs on its CPU backend with the app's faster conv kernels.

import * as tf from '@tensorflow/tfjs';
import { installFastCpuKernels } from '../fastCpuKernels';

export async function useCpuBackend(): Promise<void> {
  // Prod mode only silences tfjs's warnings, here the banner recommending tfjs-node.
  tf.enableProdMode();
  installFastCpuKernels();
  if (!(await tf.setBackend('cpu'))) throw new Error('The tfjs CPU backend did not start.');
}
