// Answers to the inspection requests, from the current model and the test set the worker holds:
// the images behind a confusion-matrix cell, the conv1 filters, what the network sees in a picture.

import { layerFilters } from '../model/inspect';
import { selectCellExamples } from '../training/cellExamples';
import type { LabelledImages } from '../training/gpuImages';
import type { Predictor } from '../training/predict';
import type { Trainer } from '../training/trainer';
import type { CellExamples, LayerFilters } from '../protocol';
import { IMAGE_PIXELS, MAX_CELL_EXAMPLES, NUM_CLASSES } from '../protocol';

export interface CellRequest {
  epoch: number;
  trueClass: number;
  predictedClass: number;
}

const isClass = (c: number) => Number.isInteger(c) && c >= 0 && c < NUM_CLASSES;

/** The test images of one cell, as the evaluation of `request.epoch` classified them. */
export function cellExamples(
  trainer: Trainer,
  test: LabelledImages,
  request: CellRequest,
): CellExamples {
  const { epoch, trueClass, predictedClass } = request;
  if (!isClass(trueClass) || !isClass(predictedClass)) {
    throw new Error(`Classes are 0 to ${NUM_CLASSES - 1}: got ${trueClass} and ${predictedClass}.`);
  }
  const predictions = trainer.testPredictions(epoch);
  if (!predictions && (epoch < 1 || epoch > trainer.epochsDone)) {
    throw new Error(`This run has no evaluation of epoch ${epoch}.`);
  }
  if (!predictions) {
    // Per-image predictions live only in this worker's memory: a run resumed from a checkpoint has
    // the matrices of its earlier epochs but not the images behind them.
    throw new Error(
      `The images behind epoch ${epoch}'s matrix are not in memory (a run resumed after a reload keeps only the counts of earlier epochs): pick an epoch trained since.`,
    );
  }
  const cell = selectCellExamples(
    predictions,
    test.labels,
    trueClass,
    predictedClass,
    MAX_CELL_EXAMPLES,
  );
  // Copies, not views of the dataset: the worker transfers these buffers to the page.
  const pixels = new Uint8Array(cell.indices.length * IMAGE_PIXELS);
  cell.indices.forEach((index, i) =>
    pixels.set(
      test.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS),
      i * IMAGE_PIXELS,
    ),
  );
  return { epoch, trueClass, predictedClass, ...cell, pixels };
}

/** The first conv layer's kernels with the current weights. */
export function firstLayerFilters(
  trainer: Pick<Predictor, 'spec' | 'model'>,
): Promise<LayerFilters> {
  const first = trainer.spec.layers.find((l) => l.kind === 'conv');
  if (!first) throw new Error(`${trainer.spec.name} has no conv layer.`);
  return layerFilters(trainer.model, first.name);
}
