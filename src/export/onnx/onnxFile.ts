// Writes an OnnxPlan as the bytes of a .onnx file, in parts, reading one weight at a time: the full
// alexnet file is ~187 MB, and building it as one message would hold the weights twice (the arrays
// and the encoded copy) plus protobufjs's buffers. Instead every length is known from the plan
// before any weight is read (ONNX tensors are fixed size), so the file is written front to back:
//
//   ModelProto without its graph | graph field tag + length | GraphProto without initializers |
//   per initializer: initializer field tag + length | TensorProto header | raw_data tag + length | bytes
//
// Protobuf parsers accept a message's fields in any order and append repeated fields in order, so
// this is the same model as one encoded whole (src/engine/onnxExport.test.ts decodes it). The messages,
// tags and lengths are all encoded by protobufjs; only the raw float bytes are passed straight on.

import protobuf from 'protobufjs/minimal.js';
import type { InitializerPlan, OnnxPlan } from './onnxGraph';
import { onnx } from './onnx.generated.js';

/** Field numbers in onnx.proto. */
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const LENGTH_DELIMITED = 2;

/** A tag and length prefix of a length-delimited field. */
function fieldHeader(field: number, length: number): Uint8Array {
  return protobuf.Writer.create()
    .uint32((field << 3) | LENGTH_DELIMITED)
    .uint32(length)
    .finish();
}

/** Reads one weight, in the layout tfjs keeps it. */
export type ReadWeight = (tfjsName: string, tfjsShape: readonly number[]) => Promise<Float32Array>;

/** Takes the file's bytes in order; each part may be kept (it is not written to again). */
export type WritePart = (bytes: Uint8Array) => void | Promise<void>;

const count = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** [kh, kw, in, out] (tfjs) to [out, in, kh, kw] (ONNX). */
export function hwioToOihw(values: Float32Array, shape: readonly number[]): Float32Array {
  const [kh = 0, kw = 0, cin = 0, cout = 0] = shape;
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++) {
        const from = ((y * kw + x) * cin + i) * cout;
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = values[from + o]!;
      }
  return out;
}

async function initializerValues(init: InitializerPlan, read: ReadWeight): Promise<Float32Array> {
  const { source } = init;
  if (source.kind === 'constant') return source.values;
  const values = await read(source.tfjsName, source.tfjsShape);
  if (values.length !== count(init.dims))
    throw new Error(`${source.tfjsName} has ${values.length} values, not ${count(init.dims)}.`);
  return source.layout === 'hwio' ? hwioToOihw(values, source.tfjsShape) : values;
}

/** Writes the file; resolves with its size in bytes. Weights are read in the plan's order, each
 * once. raw_data is little-endian float32, which is what typed arrays hold on every platform a
 * browser runs on (x86, ARM). */
export async function writeOnnxFile(
  plan: OnnxPlan,
  read: ReadWeight,
  write: WritePart,
): Promise<number> {
  const headers = plan.initializers.map((init) => {
    const tensor = onnx.TensorProto.encode({
      name: init.name,
      dims: init.dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
    }).finish();
    const rawBytes = count(init.dims) * 4;
    const raw = fieldHeader(TENSOR_RAW_DATA, rawBytes);
    const tensorBytes = tensor.length + raw.length + rawBytes;
    return { init, tensor, raw, rawBytes, field: fieldHeader(GRAPH_INITIALIZER, tensorBytes) };
  });
  const graph = onnx.GraphProto.encode(plan.graph).finish();
  const graphBytes = headers.reduce(
    (sum, h) => sum + h.field.length + h.tensor.length + h.raw.length + h.rawBytes,
    graph.length,
  );
  let written = 0;
  const put = async (bytes: Uint8Array) => {
    written += bytes.length;
    await write(bytes);
  };
  await put(onnx.ModelProto.encode(plan.model).finish());
  await put(fieldHeader(MODEL_GRAPH, graphBytes));
  await put(graph);
  for (const h of headers) {
    const values = await initializerValues(h.init, read);
    await put(h.field);
    await put(h.tensor);
    await put(h.raw);
    await put(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return written;
}

/** The whole file in one buffer: for tests and small models. */
export async function onnxFileBytes(plan: OnnxPlan, read: ReadWeight): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const size = await writeOnnxFile(plan, read, (bytes) => {
    parts.push(bytes.slice());
  });
  const file = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    file.set(p, at);
    at += p.length;
  }
  return file;
}
