// AdamW by hand: PyTorch's update in float64, and a small case of changing rates, for the fused
// Adam kernel's tests on the CPU and on WebGPU.

const EPSILON = 1e-7; // tfjs's float32 backend epsilon, which the optimizer takes by default

export interface AdamWStep {
  lr: number;
  wd: number;
}

/** PyTorch's AdamW in float64, step by step from zero moments: w <- w (1 - lr wd), then Adam. */
export function handAdamW(w: number[], grads: number[][], steps: AdamWStep[]): number[] {
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const out = [...w];
  steps.forEach(({ lr, wd }, t) => {
    const g = grads[t]!;
    for (let i = 0; i < out.length; i++) {
      out[i]! *= 1 - lr * wd;
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
      const mHat = m[i]! / (1 - 0.9 ** (t + 1));
      const vHat = v[i]! / (1 - 0.999 ** (t + 1));
      out[i]! -= (lr * mHat) / (Math.sqrt(vHat) + EPSILON);
    }
  });
  return out;
}

/** Three steps whose learning rate changes (a schedule) under a decay of 0.05. */
export const ADAMW_CASE = {
  start: [0.5, -1.5, 3, 0],
  grads: [
    [0.2, -0.4, 1, 0.01],
    [-0.1, -0.3, 0.5, 0.02],
    [0.3, 0.1, -2, -0.01],
  ],
  steps: [
    { lr: 0.003, wd: 0.05 },
    { lr: 0.01, wd: 0.05 },
    { lr: 0.0005, wd: 0.05 },
  ],
};
