// What the page can see inside the model: the test evaluation broken down by class (sent with each
// epoch's metrics), and the answers to the inspection requests (confusion examples, first-layer
// filters, feature maps and saliency of one picture). Types and pure constants only.

/** The epoch's test evaluation by class, on the same test images as its loss and accuracy. */
export interface ClassEvaluation {
  /** NUM_CLASSES x NUM_CLASSES counts, row-major: `confusion[trueClass * NUM_CLASSES + predicted]`.
   * Sums to the number of test images evaluated. */
  confusion: Int32Array;
  /** Per class: of the images predicted as it, the share that are it. NaN where none was. */
  precision: Float32Array;
  /** Per class: of its images, the share predicted right (its accuracy). NaN where it had none. */
  recall: Float32Array;
}

/** Most images one confusion cell shows. */
export const MAX_CELL_EXAMPLES = 24;

/** Channels of each feature map the inspection sends. */
export const FEATURE_MAP_CHANNELS = 16;

/** The conv layers whose outputs the inspection shows, in order. */
export const FEATURE_MAP_LAYERS = ['conv1', 'conv2'] as const;

/** The test images behind one cell of an epoch's confusion matrix. */
export interface CellExamples {
  epoch: number;
  trueClass: number;
  predictedClass: number;
  /** Images in the cell; the examples are the (up to MAX_CELL_EXAMPLES) with the highest probability. */
  total: number;
  /** Test-set index of each example. */
  indices: Int32Array;
  /** 784 bytes (0..255) per example, as stored in the dataset. */
  pixels: Uint8Array;
  /** The probability the model gave `predictedClass` for each example, in that epoch's evaluation. */
  probabilities: Float32Array;
}

/** A conv layer's kernels as small grayscale images. */
export interface LayerFilters {
  layer: string;
  /** Kernel width and height. */
  size: number;
  count: number;
  /** `count` images of size x size, row-major, each scaled to [0, 1] over its own range (the first
   * input channel's weights: conv1 has only one). */
  pixels: Float32Array;
}

/** Some channels of a conv layer's output (after ReLU) for one picture. */
export interface FeatureMaps {
  layer: string;
  width: number;
  height: number;
  /** Channels sent (the first ones); `totalChannels` the layer has. */
  channels: number;
  totalChannels: number;
  /** `channels` maps of width x height, row-major, each scaled to [0, 1] over its own range. */
  values: Float32Array;
}

/** What the network makes of one picture, computed with the current weights. */
export interface Inspection {
  probabilities: Float32Array;
  topClass: number;
  featureMaps: FeatureMaps[];
  /** 784 values in [0, 1]: |d top logit / d pixel| over the 28x28 input, scaled by its maximum
   * (a plain gradient saliency map). */
  saliency: Float32Array;
}
