import { describe, expect, it } from 'vitest';
import { summarizeProfile, type LayerWeights, type ProfiledKernel } from './profileSummary';
import type { PhaseMark } from './stepPhases';

// A two-layer step as tfjs records it: the batch's gather, conv1 (Conv2D + Add + Relu), fc (MatMul
// + Add), the loss; backward in reverse (fc's weight and input gradients, ReLU's gradient, conv1's
// filter gradient and its bias sum); Adam per variable.
const WEIGHTS: LayerWeights[] = [
  { layer: 'conv1', shape: [5, 5, 1, 16], bias: 16 },
  { layer: 'fc', shape: [64, 10], bias: 10 },
];
const k = (name: string, inputs: number[][], output: number[], ms: number): ProfiledKernel => ({
  name,
  inputShapes: inputs,
  outputShapes: [output],
  ms,
});
const KERNELS: ProfiledKernel[] = [
  k('GatherV2', [[100, 28, 28, 1], [8]], [8, 28, 28, 1], 0.1),
  k(
    'Conv2D',
    [
      [8, 28, 28, 1],
      [5, 5, 1, 16],
    ],
    [8, 28, 28, 16],
    2,
  ),
  k('Add', [[8, 28, 28, 16], [16]], [8, 28, 28, 16], 0.5),
  k(
    'BatchMatMul',
    [
      [8, 64],
      [64, 10],
    ],
    [8, 10],
    1,
  ),
  k('Softmax', [[8, 10]], [8, 10], 0.2),
  k(
    'BatchMatMul',
    [
      [8, 64],
      [8, 10],
    ],
    [64, 10],
    1.5,
  ),
  k(
    'BatchMatMul',
    [
      [8, 10],
      [64, 10],
    ],
    [8, 64],
    1.2,
  ),
  k('Step', [[8, 28, 28, 16]], [8, 28, 28, 16], 0.3),
  k('Sum', [[8, 28, 28, 16]], [16], 0.4),
  k(
    'Conv2DBackpropFilter',
    [
      [8, 28, 28, 1],
      [8, 28, 28, 16],
    ],
    [5, 5, 1, 16],
    4,
  ),
  k(
    'FusedAdam',
    [
      [5, 5, 1, 16],
      [5, 5, 1, 16],
    ],
    [5, 5, 1, 16],
    0.6,
  ),
  k('FusedAdam', [[16], [16]], [16], 0.1),
  k(
    'FusedAdam',
    [
      [64, 10],
      [64, 10],
    ],
    [64, 10],
    0.3,
  ),
  k('Add', [[], []], [], 0.1),
];
const MARKS: PhaseMark[] = [
  { mark: 'forward', index: 1 },
  { mark: 'backward', index: 5 },
  { mark: 'optimizer', index: 10 },
  { mark: 'after', index: 13 },
];

describe('summarizeProfile', () => {
  const summary = summarizeProfile(KERNELS, MARKS, WEIGHTS);

  it('splits the step into its phases, a weight-shaped gradient being a weight gradient', () => {
    expect(summary.phases.forward).toBeCloseTo(2 + 0.5 + 1 + 0.2);
    expect(summary.phases.weightGradients).toBeCloseTo(1.5 + 0.4 + 4);
    expect(summary.phases.inputGradients).toBeCloseTo(1.2 + 0.3);
    expect(summary.phases.optimizer).toBeCloseTo(0.6 + 0.1 + 0.3);
    expect(summary.phases.rest).toBeCloseTo(0.1 + 0.1);
    expect(summary.gpuMs).toBeCloseTo(KERNELS.reduce((s, x) => s + x.ms, 0));
  });

  it('gives each kernel the layer whose weights it touches, or its neighbour in the pass', () => {
    const conv1 = summary.layers.find((l) => l.layer === 'conv1')!.phases;
    // Forward: Conv2D and the Add after it; backward: ReLU's gradient and the bias sum come
    // before the filter gradient (the backward pass runs the layers in reverse).
    expect(conv1.forward).toBeCloseTo(2.5);
    expect(conv1.inputGradients).toBeCloseTo(0.3);
    expect(conv1.weightGradients).toBeCloseTo(4.4);
    expect(conv1.optimizer).toBeCloseTo(0.7);
    expect(summary.layers.map((l) => l.layer)).toEqual(['input', 'conv1', 'fc']);
  });

  it('lists the five most expensive kernels with their share', () => {
    expect(summary.top).toHaveLength(5);
    expect(summary.top[0]).toMatchObject({
      kernel: 'Conv2DBackpropFilter',
      layer: 'conv1',
      phase: 'weightGradients',
      ms: 4,
    });
    expect(summary.top[0]!.share).toBeCloseTo(4 / summary.gpuMs);
  });

  it('says when every time is a multiple of 100 µs, and not otherwise', () => {
    expect(summary.rounded100us).toBe(true);
    const fine = KERNELS.map((x, i) => (i === 1 ? { ...x, ms: 2.0371 } : x));
    expect(summarizeProfile(fine, MARKS, WEIGHTS).rounded100us).toBe(false);
  });
});
