// Adam with one fused kernel call per variable (../adamStep.ts has the arithmetic), instead of
// tfjs's 14 dispatches per variable. Same update, same state and same checkpoint format as
// tf.AdamOptimizer: getWeights() gives [iterations, every variable's m, every variable's v] named
// `<variable>/m` and `<variable>/v`, and setWeights() takes what either optimizer wrote.
//
// tfjs keeps beta^(t + 1) in two GPU scalars and updates them every step (more dispatches); here
// they are float32 numbers on the CPU, multiplied exactly as the GPU multiplies (one correctly
// rounded float32 product a step), so the bias corrections are the same values.
//
// The learning rate and AdamW's decoupled weight decay may change every step (a schedule): the
// trainer sets them with setStepScalars before each update, and they reach the kernel as attributes
// (on WebGPU: the uniform written each step), never as a new shader.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import type { AdamStepAttrs } from './adamStep';
import { FUSED_ADAM } from './ownKernelNames';

/** tfjs's { name, tensor } pair of optimizer weights (not exported by the tfjs bundle). */
type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number];

interface MomentVariable {
  originalName: string;
  variable: tf.Variable;
}

export class FusedAdamOptimizer extends tf.Optimizer {
  /** The name tfjs serialises Adam under, so configs and checkpoints say Adam either way. */
  static get className(): string {
    return 'Adam';
  }

  /**
   * tfjs's Optimizer answers `instanceof` by duck typing (any object with minimize,
   * computeGradients and applyGradients), and subclasses inherit that: without this,
   * `tf.train.adam(...) instanceof FusedAdamOptimizer` is true and stock-mode training called
   * setStepScalars on tfjs's Adam. Only real instances count here.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    return (
      typeof instance === 'object' &&
      instance !== null &&
      Object.prototype.isPrototypeOf.call(FusedAdamOptimizer.prototype, instance)
    );
  }

  private readonly epsilon: number;
  private weightDecay = 0;
  private accBeta1: number;
  private accBeta2: number;
  private firstMoments: MomentVariable[] = [];
  private secondMoments: MomentVariable[] = [];

  constructor(
    private learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    epsilon: number | null = null,
    /** 'own': one AlexnetFusedAdam kernel call per variable; 'stock': the same update in tfjs ops. */
    private readonly kernels: KernelMode = 'own',
  ) {
    super();
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  /** The learning rate and decoupled weight decay of the next updates (the schedule's step). */
  setStepScalars(scalars: { learningRate: number; weightDecay: number }): void {
    this.learningRate = scalars.learningRate;
    this.weightDecay = scalars.weightDecay;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const attrs: AdamStepAttrs = {
      learningRate: this.learningRate,
      weightDecay: this.weightDecay,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      oneMinusAccBeta1: Math.fround(1 - this.accBeta1),
      oneMinusAccBeta2: Math.fround(1 - this.accBeta2),
    };
    const fused = this.kernels === 'own';
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        if (!value) throw new Error(`Adam: no variable named ${name}.`);
        const m = (this.firstMoments[i] ??= moment(`${name}/m`, value)).variable;
        const v = (this.secondMoments[i] ??= moment(`${name}/v`, value)).variable;
        const gradient = Array.isArray(variableGradients)
          ? variableGradients[i]?.tensor
          : variableGradients[name];
        if (!gradient) return;
        const [newValue, newM, newV] = fused
          ? tf
              .engine()
              .runKernel<tf.Tensor[]>(FUSED_ADAM, { w: value, m, v, g: gradient }, { ...attrs })
          : adamWithOps(value, m, v, gradient, attrs);
        if (!newValue || !newM || !newV) throw new Error(`${FUSED_ADAM} returned too few tensors.`);
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
    });
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
    this.incrementIterations();
  }

  override dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((m) => m.variable));
    this.firstMoments = [];
    this.secondMoments = [];
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const moments = [...this.firstMoments, ...this.secondMoments];
    return [
      await this.saveIterations(),
      ...moments.map((m) => ({ name: m.originalName, tensor: m.variable })),
    ];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const moments = await this.extractIterations(weightValues);
    // beta^(t + 1) for the restored step count t, by the same t float32 products applyGradients
    // would have made (not Math.pow, which can differ in the last bit): a run restored from a
    // checkpoint then continues bit for bit as the uninterrupted one.
    this.accBeta1 = accumulatedPower(this.beta1, this.iterations_);
    this.accBeta2 = accumulatedPower(this.beta2, this.iterations_);
    const half = moments.length / 2;
    const toVariable = (w: NamedTensor) => ({
      originalName: w.name,
      variable: w.tensor.variable(false),
    });
    const previous = [...this.firstMoments, ...this.secondMoments].map((m) => m.variable);
    this.firstMoments = moments.slice(0, half).map(toVariable);
    this.secondMoments = moments.slice(half).map(toVariable);
    tf.dispose(previous); // the new variables hold their own reference to the data
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}

/** beta^(steps + 1) as applyGradients accumulates it: fround(beta), then `steps` float32 products. */
export function accumulatedPower(beta: number, steps: number): number {
  const b = Math.fround(beta);
  let acc = b;
  for (let i = 0; i < steps; i++) acc = Math.fround(acc * b);
  return acc;
}

function moment(originalName: string, like: tf.Tensor): MomentVariable {
  return { originalName, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
}

/** tfjs's AdamOptimizer arithmetic with stock ops, for a backend without the fused kernel. */
function adamWithOps(
  w: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  g: tf.Tensor,
  a: AdamStepAttrs,
): tf.Tensor[] {
  const newM = tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1));
  const newV = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2));
  const mHat = tf.div(newM, a.oneMinusAccBeta1);
  const vHat = tf.div(newV, a.oneMinusAccBeta2);
  // Without decay w stays as it is (no multiply by 1): the arithmetic is then exactly tfjs's Adam.
  const kept = a.weightDecay === 0 ? w : tf.mul(w, 1 - a.learningRate * a.weightDecay);
  const newW = tf.add(
    tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), a.epsilon)), -a.learningRate),
    kept,
  );
  return [newW, newM, newV];
}

/**
 * The optimizer the app trains with: with `kernels` 'own', Adam with the fused kernel; with 'stock',
 * tfjs's own Adam. A recipe whose learning rate or decay changes per step (`perStepScalars`) always
 * gets FusedAdamOptimizer, which takes them per step (in stock mode with tfjs's ops).
 */
export function createAdam(
  learningRate: number,
  kernels: KernelMode,
  perStepScalars = false,
): tf.Optimizer {
  if (kernels === 'own' || perStepScalars) {
    return new FusedAdamOptimizer(learningRate, undefined, undefined, null, kernels);
  }
  return tf.train.adam(learningRate);
}
