// One operation `npm run bench:kernels` times per layer, and the layers it times it on.

import type * as tf from '@tensorflow/tfjs';
import type { CoreWork } from '../../kernels/webgpu/core/coreGeometry';
import type { ConvLayerShape, DenseLayerShape } from '../../model/layerShapes';

/** `first`: the model's first layer, whose input (the images) needs no gradient. */
export type BenchLayer =
  | { kind: 'conv'; shape: ConvLayerShape; first: boolean }
  | { kind: 'dense'; shape: DenseLayerShape; first: boolean };

export interface OpDescriptor {
  /** Row label, e.g. 'filterGradient'. */
  op: string;
  /** The tfjs kernel it runs: an own kernel under this name makes the row stock vs own. */
  kernel: string;
  appliesTo: readonly BenchLayer['kind'][];
  /** Input shapes at `batch` (filled with random values once, outside the timing). */
  inputShapes(layer: BenchLayer, batch: number): number[][];
  /** One call, on whatever kernels are installed. */
  run(inputs: tf.Tensor[], layer: BenchLayer, batch: number): tf.Tensor | tf.Tensor[];
  /** Why a training step never runs this op on `layer`, if it does not: then it is not timed. */
  notInTraining?(layer: BenchLayer): string | undefined;
  /**
   * Whether an own kernel registered under `kernel` computes this op itself (true when not given);
   * false where it hands this form to the stock kernel, so own = stock.
   */
  ownHandles?(layer: BenchLayer, batch: number): boolean;
  /** The own kernel's work at `batch`, planned for a hardware adapter (undefined: stock runs it). */
  ownWork?(layer: BenchLayer, batch: number): CoreWork | undefined;
  /** Frees what `run` kept between calls for these inputs (state such as an optimizer's). */
  dispose?(inputs: tf.Tensor[]): void;
}

export function conv(layer: BenchLayer): ConvLayerShape {
  if (layer.kind !== 'conv') throw new Error(`${layer.shape.layer} is not a conv layer.`);
  return layer.shape;
}

export function dense(layer: BenchLayer): DenseLayerShape {
  if (layer.kind !== 'dense') throw new Error(`${layer.shape.layer} is not a dense layer.`);
  return layer.shape;
}
