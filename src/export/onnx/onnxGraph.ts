// The ONNX inference graph of one of the app's networks, built from its plain spec (architecture.ts):
// nodes, inputs, outputs and the list of initializers, without any weight data. onnxFile.ts then
// writes the file and reads each weight only when its bytes are due. No tfjs here: the weights
// arrive as Float32Arrays in the layout tfjs keeps them, and the graph says how to lay them out.
//
// Layout: ONNX's Conv takes NCHW tensors and OIHW kernels, tfjs keeps NHWC tensors and HWIO kernels.
// Conv kernels are transposed when written (they are small: 3.7 M of alexnet's 46.8 M values);
// before Flatten a Transpose puts the activations back in NHWC order, so the dense kernels, fc1's
// 26 M values among them, go in unchanged as Gemm's B and the outputs equal tfjs's exactly.

import type { ModelSpec } from '../../model/architecture';
import { FASHION_MNIST_CLASSES, IMAGE_SIZE, NUM_CLASSES } from '../../protocol';
import { onnx } from './onnx.generated.js';

/** ONNX's IR version 8 and opset 17: what ONNX 1.12 (Debian's python3-onnx, which checks the
 * files in CI) knows best, and what every ONNX Runtime since 1.13 and onnx2torch read. */
export const IR_VERSION = 8;
export const OPSET = 17;

export const INPUT_NAME = 'image';
export const PROBABILITIES_NAME = 'probabilities';
export const LOGITS_NAME = 'logits';

export const INPUT_DOC =
  'float32 [N, 1, 28, 28], NCHW: Fashion-MNIST pixels scaled to [0, 1] (byte / 255), a light ' +
  'garment on a black background; no mean or standard-deviation normalisation.';

/** Where an initializer's values come from. */
export type InitializerSource =
  /** A tfjs weight, `tfjsName` (e.g. conv1/kernel), as tfjs keeps it. */
  | { kind: 'weight'; tfjsName: string; tfjsShape: readonly number[]; layout: 'as-is' | 'hwio' }
  /** A constant of the graph itself. */
  | { kind: 'constant'; values: Float32Array };

export interface InitializerPlan {
  name: string;
  /** ONNX dims (OIHW for conv kernels). */
  dims: number[];
  source: InitializerSource;
}

export interface OnnxPlan {
  /** The model without its graph; onnxFile.ts writes the graph after it. */
  model: onnx.ModelProto.$Properties;
  /** The graph without its initializers. */
  graph: onnx.GraphProto.$Properties;
  initializers: InitializerPlan[];
}

export interface ExportFacts {
  /** Epochs the weights were trained for, as the app counts them. */
  epochsDone: number;
  /** Said in the file's doc string when set, e.g. where the weights came from. */
  note?: string;
}

const { AttributeType } = onnx.AttributeProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

const ints = (name: string, values: number[]): onnx.AttributeProto.$Properties => ({
  name,
  type: AttributeType.INTS,
  ints: values,
});
const int = (name: string, value: number): onnx.AttributeProto.$Properties => ({
  name,
  type: AttributeType.INT,
  i: value,
});
const text = (name: string, value: string): onnx.AttributeProto.$Properties => ({
  name,
  type: AttributeType.STRING,
  s: new TextEncoder().encode(value),
});

/** A float tensor type with a symbolic batch dimension `N` in front of `dims`. */
function batchedFloat(dims: number[]): onnx.TypeProto.$Properties {
  return {
    tensorType: {
      elemType: FLOAT,
      shape: { dim: [{ dimParam: 'N' }, ...dims.map((d) => ({ dimValue: d }))] },
    },
  };
}

/** Plans the ONNX graph of `spec`: input `image` [N, 1, 28, 28], outputs `probabilities` (softmax)
 * and `logits`, both [N, 10]. Dropout layers are left out (an inference graph). */
export function planOnnxModel(spec: ModelSpec, facts: ExportFacts): OnnxPlan {
  const nodes: onnx.NodeProto.$Properties[] = [];
  const initializers: InitializerPlan[] = [];
  let current = INPUT_NAME;
  let channels = 1;
  const relu = (name: string) => {
    nodes.push({ opType: 'Relu', name, input: [current], output: [name] });
    current = name;
  };
  const weight = (layer: string, part: 'kernel' | 'bias', shape: number[], hwio = false) => {
    const name = `${layer}.${part === 'kernel' ? 'weight' : 'bias'}`;
    const dims = hwio ? [shape[3]!, shape[2]!, shape[0]!, shape[1]!] : shape;
    initializers.push({
      name,
      dims,
      source: {
        kind: 'weight',
        tfjsName: `${layer}/${part}`,
        tfjsShape: shape,
        layout: hwio ? 'hwio' : 'as-is',
      },
    });
    return name;
  };
  let side = spec.sourceSize;
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'resize': {
        // tfjs's resizeBilinear(alignCorners false, halfPixelCenters true), as toModelInput calls it.
        const scale = layer.size / side;
        const values = Float32Array.of(1, 1, scale, scale);
        initializers.push({
          name: 'resize.scales',
          dims: [4],
          source: { kind: 'constant', values },
        });
        nodes.push({
          opType: 'Resize',
          name: layer.name,
          input: [current, '', 'resize.scales'],
          output: [layer.name],
          attribute: [text('mode', 'linear'), text('coordinate_transformation_mode', 'half_pixel')],
        });
        current = layer.name;
        side = layer.size;
        break;
      }
      case 'conv': {
        const { kernel: k, filters, stride, padding } = layer;
        const w = weight(layer.name, 'kernel', [k, k, channels, filters], true);
        const b = weight(layer.name, 'bias', [filters]);
        nodes.push({
          opType: 'Conv',
          name: layer.name,
          input: [current, w, b],
          output: [layer.name],
          attribute: [
            ints('kernel_shape', [k, k]),
            ints('strides', [stride, stride]),
            ints('pads', [padding, padding, padding, padding]),
          ],
        });
        current = layer.name;
        relu(`${layer.name}.relu`);
        channels = filters;
        side = Math.floor((side + 2 * padding - k) / stride) + 1;
        break;
      }
      case 'maxpool':
        nodes.push({
          opType: 'MaxPool',
          name: layer.name,
          input: [current],
          output: [layer.name],
          attribute: [
            ints('kernel_shape', [layer.pool, layer.pool]),
            ints('strides', [layer.stride, layer.stride]),
          ],
        });
        current = layer.name;
        side = Math.floor((side - layer.pool) / layer.stride) + 1;
        break;
      case 'flatten':
        // NHWC order, as tfjs flattens: fc1's kernel rows follow it.
        nodes.push({
          opType: 'Transpose',
          name: `${layer.name}.nhwc`,
          input: [current],
          output: [`${layer.name}.nhwc`],
          attribute: [ints('perm', [0, 2, 3, 1])],
        });
        current = `${layer.name}.nhwc`;
        nodes.push({
          opType: 'Flatten',
          name: layer.name,
          input: [current],
          output: [layer.name],
          attribute: [int('axis', 1)],
        });
        current = layer.name;
        channels = side * side * channels;
        side = 1;
        break;
      case 'dense': {
        const w = weight(layer.name, 'kernel', [channels, layer.units]);
        const b = weight(layer.name, 'bias', [layer.units]);
        const last = !layer.relu;
        const out = last ? LOGITS_NAME : layer.name;
        nodes.push({ opType: 'Gemm', name: layer.name, input: [current, w, b], output: [out] });
        current = out;
        if (layer.relu) relu(`${layer.name}.relu`);
        channels = layer.units;
        break;
      }
      case 'dropout':
        break;
      default:
        layer satisfies never;
    }
  }
  if (current !== LOGITS_NAME || channels !== NUM_CLASSES)
    throw new Error(`${spec.name} does not end in ${NUM_CLASSES} logits.`);
  nodes.push({
    opType: 'Softmax',
    name: 'softmax',
    input: [LOGITS_NAME],
    output: [PROBABILITIES_NAME],
    attribute: [int('axis', 1)],
  });

  const graph: onnx.GraphProto.$Properties = {
    name: spec.name,
    node: nodes,
    input: [
      { name: INPUT_NAME, type: batchedFloat([1, IMAGE_SIZE, IMAGE_SIZE]), docString: INPUT_DOC },
    ],
    output: [
      {
        name: PROBABILITIES_NAME,
        type: batchedFloat([NUM_CLASSES]),
        docString: 'Softmax of the logits: one probability per class, in class_names order.',
      },
      { name: LOGITS_NAME, type: batchedFloat([NUM_CLASSES]), docString: 'Before the softmax.' },
    ],
  };
  const meta: Record<string, string> = {
    class_names: JSON.stringify(FASHION_MNIST_CLASSES),
    network: spec.name,
    epochs_trained: String(facts.epochsDone),
    input: INPUT_DOC,
  };
  const model: onnx.ModelProto.$Properties = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'alexnet-webgpu',
    docString:
      `${spec.summary} Trained for ${facts.epochsDone} epochs on Fashion-MNIST in the browser.` +
      (facts.note ? ` ${facts.note}` : ''),
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
  };
  return { model, graph, initializers };
}
