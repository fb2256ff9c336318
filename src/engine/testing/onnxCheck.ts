// What the Export ONNX tests share: export a network with seeded weights as the worker does, run the
// file in ONNX Runtime, and ask ONNX's own checker about it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { expect } from 'vitest';
import { onnx } from '../../export/onnx/onnx.generated.js';
import { IR_VERSION, OPSET } from '../../export/onnx/onnxGraph';
import { MODEL_SPECS } from '../../model/architecture';
import { buildModel } from '../../model/models';
import { FASHION_MNIST_CLASSES, NUM_CLASSES, type ModelName } from '../../protocol';
import { loadFashionMnist } from '../../testing/fashionMnist';
import { predictProbabilities } from '../../training/predict';
import { exportOnnx } from '../onnxExport';

/** The bound on the probabilities; the measured differences are in each test file. */
export const PROBABILITY_BOUND = 1e-4;
/** The number of test images, for both networks. */
export const IMAGES = 64;

/**
 * Fresh Glorot weights make alexnet's probabilities nearly uniform (they differ by 0.002 between
 * images), too flat for a layout mistake to show above the bound: its logits layer is scaled by 30,
 * which spreads them by 0.06. alexnet-mini's He weights spread them by 0.1 to 0.19 as they are.
 */
const SHARPEN: Record<ModelName, number> = { 'alexnet-mini': 1, alexnet: 30 };

/** The first IMAGES test images as the network's input (pixels / 255); fails if there is no data. */
export function testPixels(): Float32Array {
  const test = loadFashionMnist('test', IMAGES);
  if (!test)
    throw new Error('No Fashion-MNIST images found: run `npm run data` before the unit tests.');
  return Float32Array.from(test.images.subarray(0, IMAGES * 784), (v) => v / 255);
}

async function runOnnx(file: Uint8Array, pixels: Float32Array, n: number) {
  const session = await ort.InferenceSession.create(file);
  try {
    const out = await session.run({ image: new ort.Tensor('float32', pixels, [n, 1, 28, 28]) });
    return out.probabilities!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/**
 * What ONNX itself says of the file: onnx.checker.check_model with full_check (strict shape
 * inference), in Debian's python3-onnx (ONNX 1.12). Debian's /usr/bin/python3, not the PATH's
 * python3 (a pyenv shim without onnx). A missing python3-onnx fails the test: .ci/run installs it.
 */
function onnxCheckerProblem(file: Uint8Array): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'onnx-check-'));
  try {
    const path = join(dir, 'model.onnx');
    writeFileSync(path, file);
    const script = [
      'import sys, onnx',
      'onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
    if (run.error) return `/usr/bin/python3 did not run (${run.error.message}): install python3.`;
    if (run.stderr.includes("No module named 'onnx'"))
      return "/usr/bin/python3 has no onnx module: install Debian's python3-onnx.";
    return run.status === 0 ? null : run.stderr.trim() || `exit status ${run.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const maxAbsDifference = (a: Float32Array, b: Float32Array) =>
  a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i]!)), 0);

/** The largest range, over the classes, of a class's probability across the images. */
function spreadAcrossImages(p: Float32Array): number {
  let spread = 0;
  for (let c = 0; c < NUM_CLASSES; c++) {
    const values = p.filter((_, i) => i % NUM_CLASSES === c);
    spread = Math.max(spread, Math.max(...values) - Math.min(...values));
  }
  return spread;
}

/**
 * Builds `name` with seeded weights, exports it as the worker does and checks the file: ONNX
 * Runtime's probabilities against tfjs's (current backend) on `pixels`, ONNX's checker, IR and
 * opset, class names, no Dropout, every weight present.
 */
export async function exportAndCheck(name: ModelName, pixels: Float32Array): Promise<void> {
  const n = pixels.length / 784;
  const spec = MODEL_SPECS[name];
  const model = buildModel(name, 7);
  try {
    const fc3 = model.getLayer('fc3');
    fc3.setWeights(tf.tidy(() => fc3.getWeights().map((w) => tf.mul(w, SHARPEN[name]))));
    const predictor = {
      spec,
      model,
      kernels: 'own' as const,
      predict: () => Promise.reject(new Error('not used')),
      dispose: () => {},
    };
    const blob = await exportOnnx(predictor, { epochsDone: 0 });
    const file = new Uint8Array(await blob.arrayBuffer());

    const expected = await predictProbabilities(model, spec, pixels, n, 'own');
    const got = await runOnnx(file, pixels, n);
    expect(got.length).toBe(n * NUM_CLASSES);
    expect(spreadAcrossImages(expected)).toBeGreaterThan(0.05);
    expect(maxAbsDifference(got, expected)).toBeLessThanOrEqual(PROBABILITY_BOUND);

    expect(onnxCheckerProblem(file)).toBeNull();

    const decoded = onnx.ModelProto.decode(file);
    expect(Number(decoded.irVersion)).toBe(IR_VERSION);
    expect(Number(decoded.opsetImport[0]?.version)).toBe(OPSET);
    const classes = decoded.metadataProps.find((p) => p.key === 'class_names')?.value;
    expect(JSON.parse(classes ?? 'null')).toEqual(FASHION_MNIST_CLASSES);
    const graph = decoded.graph;
    expect((graph?.node ?? []).map((node) => node.opType)).not.toContain('Dropout');
    const values = (graph?.initializer ?? [])
      .filter((t) => t.name !== 'resize.scales')
      .reduce((sum, t) => sum + (t.dims ?? []).reduce((a: number, d) => a * Number(d), 1), 0);
    expect(values).toBe(model.countParams());
  } finally {
    model.dispose();
  }
}
