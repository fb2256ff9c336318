import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { DispatchRecorder } from '../../testing/dispatchRecorder';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { stockKernel } from '../installKernels';
import { convShapeOf } from './convKernelArgs';
import {
  stockConv2DWork,
  stockFilterGradientWork,
  stockInputGradientWork,
  stockMatMulWork,
  type StockWork,
} from './stockGeometry';

// The stock programs' geometry against their real dispatches: tfjs's own kernels (kept aside by
// installKernels) run small products in each program variant the benchmark reports, and the
// workgroups they launch must be those stockGeometry.ts computes from tfjs's source.
describeWebGpu("tfjs's stock programs launch the workgroups stockGeometry computes", () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  async function launched(kernel: string, inputs: tf.Tensor[], names: string[], attrs: object) {
    const config = stockKernel('webgpu', kernel)!;
    const recorder = DispatchRecorder.start();
    try {
      const out = config.kernelFunc({
        inputs: Object.fromEntries(names.map((n, i) => [n, inputs[i]!])),
        backend: tf.backend(),
        attrs: attrs as tf.NamedAttrMap,
      }) as tf.TensorInfo;
      const result = tf.engine().makeTensorFromTensorInfo(out);
      await result.data();
      result.dispose();
    } finally {
      recorder.stop();
      tf.dispose(inputs);
    }
    return recorder.dispatches.map(([x, y, z]) => x * y * z);
  }

  const conv = { strides: 2, pad: 'same' as const, dataFormat: 'NHWC', dilations: 1 };
  const cases: [string, () => Promise<number[]>, () => StockWork | undefined][] = [
    [
      'Conv2DMMProgram, vec4',
      () =>
        launched(
          tf.Conv2D,
          [tf.ones([2, 17, 17, 4]), tf.ones([3, 3, 4, 40])],
          ['x', 'filter'],
          conv,
        ),
      () => stockConv2DWork(convShapeOf([2, 17, 17, 4], [3, 3, 4, 40], conv)),
    ],
    [
      'Conv2DMMProgram, scalar (one input channel)',
      () =>
        launched(
          tf.Conv2D,
          [tf.ones([2, 17, 17, 1]), tf.ones([3, 3, 1, 36])],
          ['x', 'filter'],
          conv,
        ),
      () => stockConv2DWork(convShapeOf([2, 17, 17, 1], [3, 3, 1, 36], conv)),
    ],
    [
      'Conv2DDerInputProgram, vec4',
      () =>
        launched(
          tf.Conv2DBackpropInput,
          [tf.ones([2, 5, 5, 8]), tf.ones([3, 3, 20, 8])],
          ['dy', 'filter'],
          { ...conv, inputShape: [2, 9, 9, 20] },
        ),
      () => stockInputGradientWork(convShapeOf([2, 9, 9, 20], [3, 3, 20, 8], conv)),
    ],
    [
      'Conv2DDerFilterProgram',
      () =>
        launched(
          tf.Conv2DBackpropFilter,
          [tf.ones([2, 9, 9, 4]), tf.ones([2, 5, 5, 40])],
          ['x', 'dy'],
          { ...conv, filterShape: [3, 3, 4, 40] },
        ),
      () => stockFilterGradientWork(convShapeOf([2, 9, 9, 4], [3, 3, 4, 40], conv)),
    ],
    [
      'MatMulPackedProgram, vec4',
      () =>
        launched(tf.BatchMatMul, [tf.ones([1, 70, 24]), tf.ones([1, 24, 132])], ['a', 'b'], {
          transposeA: false,
          transposeB: false,
        }),
      () => stockMatMulWork(70, 132, 24, false, false),
    ],
    [
      'MatMulPackedProgram, scalar (b transposed)',
      () =>
        launched(tf.BatchMatMul, [tf.ones([1, 70, 10]), tf.ones([1, 132, 10])], ['a', 'b'], {
          transposeA: false,
          transposeB: true,
        }),
      () => stockMatMulWork(70, 132, 10, false, true),
    ],
  ];
  for (const [label, run, geometry] of cases) {
    it(
      label,
      async () => {
        const work = geometry()!;
        expect(work.program.startsWith(label.split(',')[0]!)).toBe(true);
        expect(await run()).toEqual([work.workgroups]);
      },
      600_000,
    );
  }
});
