// Every matrix product of a model's training step at a given batch, as the core sees it: for the
// geometry test (issue 14's targets) and the kernel benchmark's work columns.

import { convShapeOf } from '../../kernels/webgpu/convKernelArgs';
import { convProduct, type ConvProductKind } from '../../kernels/webgpu/core/convProducts';
import type { CoreProblem } from '../../kernels/webgpu/core/coreGeometry';
import { matMulProduct } from '../../kernels/webgpu/core/matMulProduct';
import { convLayerShapes, denseLayerShapes } from '../../model/layerShapes';
import type { ModelName } from '../../protocol';

export type DenseProductKind = 'denseForward' | 'denseInputGradient' | 'denseWeightGradient';
export type ProductKind = ConvProductKind | DenseProductKind;

export interface LayerProduct {
  model: ModelName;
  layer: string;
  kind: ProductKind;
  problem: CoreProblem;
  /** Whether a training step runs it (the first layer's input gradient it does not). */
  inTraining: boolean;
}

export function convLayerProduct(
  model: ModelName,
  layer: string,
  kind: ConvProductKind,
  batch: number,
): CoreProblem {
  const c = convLayerShapes(model).find((l) => l.layer === layer);
  if (!c) throw new Error(`${model} has no conv layer ${layer}.`);
  const shape = convShapeOf([batch, ...c.input], c.filter, { strides: c.stride, pad: c.pad });
  return convProduct(kind, shape);
}

export function denseLayerProduct(
  model: ModelName,
  layer: string,
  kind: DenseProductKind,
  batch: number,
): CoreProblem {
  const d = denseLayerShapes(model).find((l) => l.layer === layer);
  if (!d) throw new Error(`${model} has no dense layer ${layer}.`);
  const { inputs, units } = d;
  const product =
    kind === 'denseForward'
      ? matMulProduct([batch, inputs], [inputs, units], false, false)
      : kind === 'denseInputGradient'
        ? matMulProduct([batch, units], [inputs, units], false, true)
        : matMulProduct([batch, inputs], [batch, units], true, false);
  return product!;
}

const CONV_KINDS: readonly ConvProductKind[] = ['forward', 'inputGradient', 'filterGradient'];
const DENSE_KINDS: readonly DenseProductKind[] = [
  'denseForward',
  'denseInputGradient',
  'denseWeightGradient',
];

export function layerProducts(model: ModelName, batch: number): LayerProduct[] {
  return [
    ...convLayerShapes(model).flatMap(({ layer }, i) =>
      CONV_KINDS.map((kind) => ({
        model,
        layer,
        kind,
        problem: convLayerProduct(model, layer, kind, batch),
        inTraining: !(i === 0 && kind === 'inputGradient'),
      })),
    ),
    ...denseLayerShapes(model).flatMap(({ layer }) =>
      DENSE_KINDS.map((kind) => ({
        model,
        layer,
        kind,
        problem: denseLayerProduct(model, layer, kind, batch),
        inTraining: true,
      })),
    ),
  ];
}
