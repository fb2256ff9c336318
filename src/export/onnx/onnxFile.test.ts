import { describe, expect, it } from 'vitest';
import { MODEL_SPECS } from '../../model/architecture';
import { onnx } from './onnx.generated.js';
import { hwioToOihw, onnxFileBytes } from './onnxFile';
import { planOnnxModel } from './onnxGraph';

/** Distinct values, so that any misplaced one shows. */
const counting = (n: number, start = 0) => Float32Array.from({ length: n }, (_, i) => start + i);

describe('writeOnnxFile', () => {
  it('writes, front to back, the model that one whole protobufjs encoding gives', async () => {
    const plan = planOnnxModel(MODEL_SPECS['alexnet-mini'], { epochsDone: 2 });
    const reads: string[] = [];
    const file = await onnxFileBytes(plan, (name, shape) => {
      reads.push(name);
      return Promise.resolve(
        counting(
          shape.reduce((a, b) => a * b, 1),
          reads.length,
        ),
      );
    });
    const initializer = plan.initializers.map((init, index) => {
      const { source } = init;
      let values =
        source.kind === 'constant'
          ? source.values
          : counting(
              init.dims.reduce((a, b) => a * b, 1),
              index + 1,
            );
      if (source.kind === 'weight' && source.layout === 'hwio')
        values = hwioToOihw(values, source.tfjsShape);
      return {
        name: init.name,
        dims: init.dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(values.buffer),
      };
    });
    const whole = onnx.ModelProto.encode({
      ...plan.model,
      graph: { ...plan.graph, initializer },
    }).finish();
    // Decoded and encoded again, both come out in field-number order: the same bytes.
    const normalised = (bytes: Uint8Array) =>
      Buffer.from(onnx.ModelProto.encode(onnx.ModelProto.decode(bytes)).finish());
    expect(normalised(file).equals(normalised(whole))).toBe(true);
    expect(file.length).toBe(whole.length);
    // Each weight read once, in the plan's order: conv1..conv5 and fc1..fc3, kernel then bias.
    expect(reads).toHaveLength(16);
    expect(reads.slice(0, 2)).toEqual(['conv1/kernel', 'conv1/bias']);
  });
});

describe('hwioToOihw', () => {
  it("moves tfjs's [kh, kw, in, out] kernel to ONNX's [out, in, kh, kw]", () => {
    // kh 2, kw 3, in 2, out 2: value = 1000 y + 100 x + 10 i + o.
    const hwio = new Float32Array(24);
    for (let y = 0; y < 2; y++)
      for (let x = 0; x < 3; x++)
        for (let i = 0; i < 2; i++)
          for (let o = 0; o < 2; o++)
            hwio[((y * 3 + x) * 2 + i) * 2 + o] = 1000 * y + 100 * x + 10 * i + o;
    const oihw = hwioToOihw(hwio, [2, 3, 2, 2]);
    // out 1, in 0, y 1, x 2 sits at ((1 * 2 + 0) * 2 + 1) * 3 + 2.
    expect(oihw[((1 * 2 + 0) * 2 + 1) * 3 + 2]).toBe(1000 + 200 + 0 + 1);
    expect([...oihw].sort((a, b) => a - b)).toEqual([...hwio].sort((a, b) => a - b));
  });
});
