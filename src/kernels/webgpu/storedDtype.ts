// tfjs-webgpu casts int32 or bool to float32 without a copy: the new tensor says 'float32' but
// shares the int32 buffer, and programs are compiled against the buffer's own dtype (the
// backend's tensorMap), so `tensor.dtype` is not what a shader will read. Own programs read f32
// arrays: they take a tensor only when its buffer really holds float32.

import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export function storedAsFloat32(backend: WebGPUBackend, ...tensors: tf.TensorInfo[]): boolean {
  return tensors.every(
    (t) => t.dtype === 'float32' && backend.tensorMap.get(t.dataId).dtype === 'float32',
  );
}
