// Correctness cases for the own convolution kernels, as data: edge shapes (batch 1, odd sizes,
// stride > kernel, 1x1 kernels, explicit padding, 'same' at stride 2, ragged tiles, the NCHW
// fallback) and the one-off shapes the tiling, tf.grad and fused conv + bias + ReLU checks run.
// The models' conv layers come from src/model (convChecks.ts reads them).

import type * as tf from '@tensorflow/tfjs';

export type Shape4 = [number, number, number, number];

export interface ConvCase {
  label: string;
  x: Shape4;
  filter: Shape4;
  stride: number | [number, number];
  pad: tf.Conv2DBackpropFilterAttrs['pad'];
  dataFormat?: 'NHWC' | 'NCHW';
}

export const CONV_EDGE_CASES: readonly ConvCase[] = [
  {
    label: 'batch 1, odd sizes, 3x3 same',
    x: [1, 7, 9, 3],
    filter: [3, 3, 3, 5],
    stride: 1,
    pad: 'same',
  },
  {
    label: 'stride 3 > kernel 2',
    x: [2, 11, 13, 2],
    filter: [2, 2, 2, 3],
    stride: 3,
    pad: 'valid',
  },
  { label: '1x1 kernel', x: [3, 5, 5, 7], filter: [1, 1, 7, 9], stride: 1, pad: 'valid' },
  {
    label: '1x1 kernel, stride 2, same',
    x: [2, 8, 7, 4],
    filter: [1, 1, 4, 6],
    stride: 2,
    pad: 'same',
  },
  { label: "'same' at stride 2", x: [2, 15, 15, 3], filter: [5, 5, 3, 8], stride: 2, pad: 'same' },
  {
    label: 'numeric padding 2, stride 2',
    x: [1, 10, 10, 2],
    filter: [5, 5, 2, 4],
    stride: 2,
    pad: 2,
  },
  {
    label: 'explicit padding, strides [2, 1], 4x3 kernel',
    x: [2, 9, 8, 3],
    filter: [4, 3, 3, 5],
    stride: [2, 1],
    pad: [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  },
  {
    label: '11x11 stride 4, odd input',
    x: [1, 31, 29, 2],
    filter: [11, 11, 2, 5],
    stride: 4,
    pad: 'valid',
  },
  {
    label: 'long reduction, many splits',
    x: [5, 20, 20, 3],
    filter: [3, 3, 3, 4],
    stride: 1,
    pad: 'valid',
  },
  { label: 'ragged tiles, 7x7', x: [1, 9, 9, 37], filter: [7, 7, 37, 35], stride: 1, pad: 'same' },
  {
    label: 'NCHW (stock fallback)',
    x: [2, 3, 8, 8],
    filter: [3, 3, 3, 4],
    stride: 1,
    pad: 'same',
    dataFormat: 'NCHW',
  },
];

/** One odd shape, with a 3x4 kernel, that each tiling is forced on. */
export const TILING_CASE: Omit<ConvCase, 'label'> = {
  x: [3, 14, 13, 5],
  filter: [3, 4, 5, 33],
  stride: [1, 2],
  pad: 'same',
};

export const THROUGH_GRAD_CASE: ConvCase = {
  label: 'via tf.grad of conv2d',
  x: [2, 9, 9, 3],
  filter: [3, 3, 3, 4],
  stride: 2,
  pad: 'same',
};

/** The fused conv + bias + ReLU's odd shape, beside alexnet-mini's conv layers. */
export const CONV_BIAS_RELU_ODD_CASE: ConvCase = {
  label: "odd sizes, 'same' at stride 2",
  x: [2, 11, 9, 5],
  filter: [3, 3, 5, 7],
  stride: 2,
  pad: 'same',
};
