// The checks a pair of model files (tfjs layers format: model.json + its weights .bin) must pass
// before they replace the current model, each failure named in words: a missing partner file, JSON
// that is not a tfjs layers model, a network that is not one of this app's, weights that are
// truncated or do not match. Pure: no tfjs, so every case is tested on plain bytes.

import { hasNonFinite, MODEL_NAMES, type ModelFile, type ModelName } from '../protocol';
import { expectedWeights, type WeightShape } from '../model/weightShapes';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** A weight as model.json lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface CheckedModelFiles {
  model: ModelName;
  jsonName: string;
  /** The chosen files that make the model, model.json first: any other chosen file was ignored. */
  fileNames: string[];
  specs: WeightSpec[];
  /** The weights files' bytes, joined in the order model.json lists them. */
  weightData: ArrayBuffer;
  /** Epochs trained, when model.json says (files saved by this app do). */
  epochsDone: number | null;
}

/** What this app writes into model.json's userDefinedMetadata. */
export interface AppModelMetadata {
  app: 'alexnet-webgpu';
  model: ModelName;
  epochsDone: number;
}

const fail = (message: string): never => {
  throw new ModelFileError(message);
};

const baseName = (path: string) => path.split('/').pop() ?? path;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const shapeText = (w: { name: string; shape: number[] }) => `${w.name} [${w.shape.join(', ')}]`;

function parseJson(file: ModelFile): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch {
    fail(`${file.name} is not valid JSON: choose the model.json that Save model wrote.`);
  }
  if (!isObject(value) || !isObject(value.modelTopology) || !Array.isArray(value.weightsManifest)) {
    fail(
      `${file.name} is not a TensorFlow.js layers model (it has no modelTopology and weightsManifest).`,
    );
  }
  return value as Record<string, unknown>;
}

function readManifest(json: Record<string, unknown>, jsonName: string) {
  const paths: string[] = [];
  const specs: WeightSpec[] = [];
  for (const group of json.weightsManifest as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      fail(`${jsonName} has a weightsManifest entry without paths and weights.`);
    const g = group as { paths: unknown[]; weights: unknown[] };
    for (const p of g.paths) {
      if (typeof p !== 'string') fail(`${jsonName} lists a weights file without a name.`);
      paths.push(baseName(p as string));
    }
    for (const w of g.weights) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape))
        fail(`${jsonName} lists a weight without a name or shape.`);
      const spec = w as { name: string; shape: unknown[]; dtype?: unknown; quantization?: unknown };
      if (spec.dtype !== 'float32' || spec.quantization !== undefined)
        fail(
          `${jsonName}: weight ${spec.name} is ${String(spec.dtype)}${spec.quantization ? ', quantized' : ''}; this app reads float32 weights only.`,
        );
      if (!spec.shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d > 0))
        fail(`${jsonName}: weight ${spec.name} has an invalid shape.`);
      specs.push({ name: spec.name, shape: spec.shape as number[], dtype: 'float32' });
    }
  }
  if (paths.length === 0) fail(`${jsonName} names no weights file.`);
  return { paths, specs };
}

const sameWeights = (a: readonly WeightShape[], b: readonly WeightShape[]) =>
  a.length === b.length &&
  a.every((w, i) => w.name === b[i]!.name && w.shape.join() === b[i]!.shape.join());

/** Which of the app's networks `specs` describe; otherwise an error naming the first difference. */
function identify(specs: WeightSpec[], jsonName: string): ModelName {
  const match = MODEL_NAMES.find((name) => sameWeights(specs, expectedWeights(name)));
  if (match) return match;
  // Point at the difference from the network whose first weight it shares, else from the mini one.
  const closest =
    MODEL_NAMES.find((n) => expectedWeights(n)[0]?.shape.join() === specs[0]?.shape.join()) ??
    'alexnet-mini';
  const want = expectedWeights(closest);
  const i = want.findIndex((w, k) => !specs[k] || !sameWeights([specs[k]], [w]));
  const where =
    i < 0
      ? `it has ${specs.length} weights where ${closest} has ${want.length}`
      : `its weight ${i + 1} is ${specs[i] ? shapeText(specs[i]) : 'missing'} where ${closest} has ${shapeText(want[i]!)}`;
  return fail(
    `${jsonName} is not one of this app's networks (${MODEL_NAMES.join(', ')}): ${where}.`,
  );
}

function epochsFrom(json: Record<string, unknown>): number | null {
  const meta = json.userDefinedMetadata;
  if (!isObject(meta) || meta.app !== 'alexnet-webgpu') return null;
  const epochs = meta.epochsDone;
  return typeof epochs === 'number' && Number.isSafeInteger(epochs) && epochs >= 0 ? epochs : null;
}

/** Weights with NaN or infinite values load but answer "NaN%" to everything: refused, named. */
function refuseNonFinite(specs: readonly WeightSpec[], data: ArrayBuffer, names: string): void {
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (hasNonFinite(new Float32Array(data, offset * 4, size))) {
      fail(
        `${names} holds NaN or infinite values (in ${spec.name}): weights like that cannot classify anything, so the file is not loaded.`,
      );
    }
    offset += size;
  }
}

/** Checks the chosen files and returns the model they hold; throws a ModelFileError saying why not. */
export function checkModelFiles(files: readonly ModelFile[]): CheckedModelFiles {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (files.length === 0) fail('Choose a model.json and its weights file.');
  if (jsons.length === 0) {
    fail(
      `${files.map((f) => f.name).join(', ')} alone cannot be loaded: choose the model.json saved with ${files.length === 1 ? 'it' : 'them'} too (both files at once).`,
    );
  }
  if (jsons.length > 1) fail(`Choose one model.json at a time, not ${jsons.length}.`);
  const jsonFile = jsons[0]!;
  const json = parseJson(jsonFile);
  const { paths, specs } = readManifest(json, jsonFile.name);
  const model = identify(specs, jsonFile.name);
  // A browser saving a second copy renames it ("model.weights (1).bin"): with one weights file named
  // and one chosen, they are taken to belong together, and the size check below still applies.
  const others = files.filter((f) => f !== jsonFile);
  const parts = paths.map((path) => {
    const file =
      files.find((f) => f.name === path) ??
      (paths.length === 1 && others.length === 1 ? others[0] : undefined);
    if (!file)
      fail(
        `${jsonFile.name} needs its weights file ${path}: choose it together with ${jsonFile.name}.`,
      );
    return file!;
  });
  const expected = specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  const got = parts.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  const names = parts.map((f) => f.name).join(' + ');
  if (got < expected)
    fail(`${names} is truncated: it has ${got} bytes where ${jsonFile.name} needs ${expected}.`);
  if (got > expected)
    fail(
      `${names} does not match ${jsonFile.name}: it has ${got} bytes where ${expected} are expected.`,
    );
  const weightData = new Uint8Array(got);
  let offset = 0;
  for (const part of parts) {
    weightData.set(new Uint8Array(part.bytes), offset);
    offset += part.bytes.byteLength;
  }
  refuseNonFinite(specs, weightData.buffer, names);
  return {
    model,
    jsonName: jsonFile.name,
    fileNames: [jsonFile.name, ...parts.map((f) => f.name)],
    specs,
    weightData: weightData.buffer,
    epochsDone: epochsFrom(json),
  };
}
