// Correctness cases for the seeded dropout kernel, as data: the WebGPU tests run them against the
// CPU kernel (bit-identical masks), and a kernel checker can run them on any adapter.

export interface SeededDropoutCase {
  label: string;
  shape: number[];
  rate: number;
  seed: number;
}

/** Layer shapes of both models at batch 1-2, plus odd shapes and rates. */
export const SEEDED_DROPOUT_CASES: readonly SeededDropoutCase[] = [
  { label: 'alexnet fc1/fc2 output, batch 2', shape: [2, 4096], rate: 0.5, seed: 7 },
  { label: 'alexnet fc1/fc2 output, batch 1', shape: [1, 4096], rate: 0.5, seed: 0xffffffff },
  { label: 'alexnet-mini fc1/fc2 output, batch 2', shape: [2, 256], rate: 0.5, seed: 123456789 },
  { label: 'alexnet-mini fc1/fc2 output, batch 1', shape: [1, 256], rate: 0.5, seed: 0 },
  { label: 'odd rank-3 shape, rate 0.3', shape: [3, 7, 5], rate: 0.3, seed: 42 },
  { label: 'NHWC activation, rate 0.9', shape: [2, 5, 5, 3], rate: 0.9, seed: 99 },
  { label: 'single element, rate 0.1', shape: [1], rate: 0.1, seed: 5 },
];

/** Draws for the statistics test, and how far the kept fraction may be from 1 - rate (relative). */
export const DROPOUT_STATISTICS = {
  draws: 1_000_000,
  rates: [0.1, 0.5, 0.9],
  keptFractionRelativeTolerance: 0.005,
} as const;

/** Masks are exact functions of (seed, index): CPU and GPU must agree bit for bit. */
export const SEEDED_DROPOUT_TOLERANCE = 0;
