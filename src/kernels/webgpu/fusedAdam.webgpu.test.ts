import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { countDispatches } from '../../tools/dispatchCounter';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { fusedAdamChecks } from '../../tools/kernelChecks/trainingKernelChecks';
import { createAdam, FusedAdamOptimizer } from '../fusedAdam';
import {
  FUSED_ADAM_CASES,
  FUSED_ADAM_RELATIVE_TOLERANCE,
  FUSED_ADAM_TWO_DIMENSIONAL_SHAPE,
} from '../../tools/kernelChecks/cases/fusedAdam.cases';
import {
  adamState,
  disposeAdamRun,
  relativeError,
  startAdamRun,
  startValues,
  stepAdamRun,
  type AdamState,
} from '../testing/adamRuns';
import { ADAMW_CASE, handAdamW } from '../testing/adamW';
import { adamDispatch } from './fusedAdam';

function expectClose(a: AdamState, b: AdamState): void {
  expect(relativeError(a.w, b.w)).toBeLessThanOrEqual(FUSED_ADAM_RELATIVE_TOLERANCE);
  expect(relativeError(a.m, b.m)).toBeLessThanOrEqual(FUSED_ADAM_RELATIVE_TOLERANCE);
  expect(relativeError(a.v, b.v)).toBeLessThanOrEqual(FUSED_ADAM_RELATIVE_TOLERANCE);
  expect(a.iterations).toBe(b.iterations);
}

describeWebGpu('fused Adam on WebGPU', () => {
  beforeAll(() => useWebGpuBackend('own'));

  it.each(FUSED_ADAM_CASES)(
    '$label: $steps steps equal tf.train.adam on the same adapter',
    async (c) => {
      const fused = startAdamRun(c.shape, new FusedAdamOptimizer(c.learningRate));
      const stock = startAdamRun(c.shape, tf.train.adam(c.learningRate));
      stepAdamRun(fused, 0, c.steps);
      stepAdamRun(stock, 0, c.steps);
      const [a, b] = [await adamState(fused), await adamState(stock)];
      [fused, stock].forEach(disposeAdamRun);
      expectClose(a, b);
      expect(a.iterations).toBe(c.steps);
      expect(relativeError(a.w, await startValues(c.shape))).toBeGreaterThan(0);
    },
  );

  it('AdamW: a changing rate and decay reach the kernel each step (the uniform), as by hand', async () => {
    const { start, grads, steps } = ADAMW_CASE;
    const optimizer = new FusedAdamOptimizer(steps[0]!.lr);
    const w = tf.variable(tf.tensor1d(start));
    steps.forEach(({ lr, wd }, t) => {
      optimizer.setStepScalars({ learningRate: lr, weightDecay: wd });
      tf.tidy(() => optimizer.applyGradients({ [w.name]: tf.tensor1d(grads[t]!) }));
    });
    const values = Array.from(await w.data());
    const expected = handAdamW(start, grads, steps);
    // float32 on the GPU against float64: 1e-6 absolute on weights of size ~1.
    values.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-6));
    optimizer.dispose();
    w.dispose();
  });

  it("round-trips its state through getWeights/setWeights, with tf.train.adam's too", async () => {
    const shape = [64, 32];
    const reference = startAdamRun(shape, tf.train.adam(0.001));
    stepAdamRun(reference, 0, 30);
    // After 10 steps a stock Adam's state goes into a fused one, after 20 that one's into a stock.
    const fused = startAdamRun(shape, new FusedAdamOptimizer(0.001));
    const stock = startAdamRun(shape, tf.train.adam(0.001));
    const first = startAdamRun(shape, tf.train.adam(0.001));
    stepAdamRun(first, 0, 10);
    await fused.optimizer.setWeights(await first.optimizer.getWeights());
    fused.variable.assign(first.variable);
    stepAdamRun(fused, 10, 20);
    await stock.optimizer.setWeights(await fused.optimizer.getWeights());
    stock.variable.assign(fused.variable);
    stepAdamRun(stock, 20, 30);
    const [a, b] = [await adamState(stock), await adamState(reference)];
    expectClose(a, b);
    // The moments keep the names they were saved under, as tf.AdamOptimizer's do.
    expect((await adamState(fused)).names).toEqual([
      'iter',
      `${first.variable.name}/m`,
      `${first.variable.name}/v`,
    ]);
    expect((await adamState(stock)).names).toEqual((await adamState(fused)).names);
    [reference, fused, stock, first].forEach(disposeAdamRun);
  });

  it('updates each variable in one dispatch', async () => {
    const variables = [[3, 3, 1, 16], [16], [128, 10]].map((s) => tf.variable(tf.ones(s)));
    const optimizer = new FusedAdamOptimizer(0.001);
    const grads = () => Object.fromEntries(variables.map((v) => [v.name, tf.onesLike(v)]));
    const first = grads();
    optimizer.applyGradients(first); // creates the moments
    tf.dispose(Object.values(first));
    const g = grads();
    await Promise.all(Object.values(g).map((t) => t.data()));
    expect(await countDispatches(() => optimizer.applyGradients(g))).toBe(variables.length);
    tf.dispose([...Object.values(g), ...variables]);
    optimizer.dispose();
  });

  it("is what createAdam makes on WebGPU with own kernels, tfjs's Adam with stock ones", async () => {
    const own = createAdam(0.001, 'own');
    expect(own).toBeInstanceOf(FusedAdamOptimizer);
    own.dispose();
    await useWebGpuBackend('stock');
    const stock = createAdam(0.001, 'stock');
    expect(stock).toBeInstanceOf(tf.AdamOptimizer);
    stock.dispose();
    await useWebGpuBackend('own');
  });

  it('spreads large variables over two dispatch dimensions and updates every element', async () => {
    expect(adamDispatch(1000, 65535)).toEqual([4, 1]);
    expect(adamDispatch(6400 * 4096, 65535)).toEqual([65535, 2]);
    const shape = FUSED_ADAM_TWO_DIMENSIONAL_SHAPE;
    const one = { variable: tf.variable(tf.zeros([1])), optimizer: new FusedAdamOptimizer(0.01) };
    const big = { variable: tf.variable(tf.zeros(shape)), optimizer: new FusedAdamOptimizer(0.01) };
    for (const run of [one, big]) {
      tf.tidy(() =>
        run.optimizer.applyGradients({ [run.variable.name]: tf.onesLike(run.variable) }),
      );
    }
    const expected = (await one.variable.data())[0]!;
    const values = await big.variable.data();
    expect(expected).toBeLessThan(0);
    expect(values.every((v) => v === expected)).toBe(true);
    [one, big].forEach(disposeAdamRun);
  });

  // The cases as npm run check:kernels runs them (tools/kernelChecks/trainingKernelChecks.ts).
  itPassesKernelChecks(fusedAdamChecks(), (check) => `${check.kernel}: ${check.label}`);
});
