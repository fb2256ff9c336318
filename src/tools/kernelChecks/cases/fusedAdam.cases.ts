// Correctness cases for the fused Adam kernel, as data: variables of both models' shapes (and odd
// ones) updated with seeded random gradients for some steps, the fused optimizer against
// tf.train.adam on the same backend.

export interface FusedAdamCase {
  label: string;
  shape: number[];
  steps: number;
  learningRate: number;
}

export const FUSED_ADAM_CASES: readonly FusedAdamCase[] = [
  { label: 'alexnet-mini conv1 kernel', shape: [5, 5, 1, 16], steps: 100, learningRate: 0.001 },
  { label: 'alexnet-mini conv bias', shape: [16], steps: 100, learningRate: 0.001 },
  { label: 'alexnet-mini fc1 kernel', shape: [128, 256], steps: 100, learningRate: 0.001 },
  { label: 'alexnet-mini fc3 kernel', shape: [256, 10], steps: 100, learningRate: 0.01 },
  { label: 'alexnet conv1 kernel', shape: [11, 11, 1, 96], steps: 100, learningRate: 0.001 },
  { label: 'alexnet conv3 kernel', shape: [3, 3, 256, 384], steps: 5, learningRate: 0.001 },
  { label: 'odd: 7 elements', shape: [7], steps: 100, learningRate: 0.1 },
  { label: 'odd: a scalar', shape: [], steps: 100, learningRate: 0.001 },
];

/**
 * More elements than one dispatch dimension takes (65,535 workgroups of 256), as alexnet's fc1 and
 * fc2 kernels (26M and 17M) have: the update must reach every one of them.
 */
export const FUSED_ADAM_TWO_DIMENSIONAL_SHAPE = [65536 * 256 + 300];

/** max |fused - tf.train.adam| over a tensor, relative to the reference's largest magnitude. */
export const FUSED_ADAM_RELATIVE_TOLERANCE = 1e-6;
