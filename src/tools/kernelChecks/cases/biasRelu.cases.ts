// Correctness cases for the bias + ReLU kernels, as data: the output shape of every conv and ReLU
// dense layer of alexnet and alexnet-mini at batch 1 and 2 (biasRelu.cases.test.ts checks this
// list against the models), plus odd shapes: channel counts that are not a multiple of 4, a single
// element, and enough rows for every bias-gradient workgroup shape.

export interface BiasReluCase {
  label: string;
  /** The activation's shape; the bias is as long as its last axis. */
  shape: number[];
}

/** [layer, output shape of one image] for every conv and ReLU dense layer of both models. */
export const RELU_LAYER_SHAPES: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['alexnet conv1', [54, 54, 96]],
  ['alexnet conv2', [26, 26, 256]],
  ['alexnet conv3', [12, 12, 384]],
  ['alexnet conv4', [12, 12, 384]],
  ['alexnet conv5', [12, 12, 256]],
  ['alexnet fc1', [4096]],
  ['alexnet fc2', [4096]],
  ['alexnet-mini conv1', [28, 28, 16]],
  ['alexnet-mini conv2', [13, 13, 32]],
  ['alexnet-mini conv3', [6, 6, 48]],
  ['alexnet-mini conv4', [6, 6, 48]],
  ['alexnet-mini conv5', [6, 6, 32]],
  ['alexnet-mini fc1', [256]],
  ['alexnet-mini fc2', [256]],
];

const ODD_SHAPES: readonly BiasReluCase[] = [
  { label: 'odd: 3 channels (no vec4)', shape: [3, 5, 7, 3] },
  { label: 'odd: one element', shape: [1, 1, 1, 1] },
  { label: 'odd: dense 2x5', shape: [2, 5] },
  { label: 'odd: rank 3', shape: [2, 3, 4] },
  { label: 'odd: 10,797 rows of 7 (256 lanes a channel)', shape: [3, 61, 59, 7] },
  { label: 'odd: 1,000 rows of 6', shape: [1000, 6] },
];

export const BIAS_RELU_CASES: readonly BiasReluCase[] = [
  ...RELU_LAYER_SHAPES.flatMap(([layer, shape]) =>
    [1, 2].map((batch) => ({ label: `${layer}, batch ${batch}`, shape: [batch, ...shape] })),
  ),
  ...ODD_SHAPES,
];

export const BIAS_RELU_TOLERANCE = {
  /** relu(x + bias) and dy * (y > 0): one float32 operation per element, exact on any backend. */
  forward: 0,
  inputGradient: 0,
  /**
   * The bias gradient sums a column in another order than tfjs's Sum: allowed error, relative to
   * the sum of the column's absolute values.
   */
  biasGradientRelative: 1e-5,
} as const;
