// The requests that ask the current model something: predictions, test samples, and the inspection
// views (confusion examples, conv1 filters, feature maps and saliency). Each is answered between
// two training steps, with the weights as they are then; no model, or a failure (a GPU one
// included), becomes an error answering the request.

import {
  cellExamples,
  classifySamples,
  firstLayerFilters,
  inspectPicture,
  validatePixels,
  type LabelledImages,
  type Predictor,
  type Trainer,
} from '../engine';
import type { WorkerCommand, WorkerEvent } from '../protocol';

export const NO_MODEL_MESSAGE = 'No trained model yet: press Train first.';

/**
 * Requests answered at once, at most. Each one's GPU work runs between two training steps: without
 * a bound, hundreds of clicks queue hundreds of forward passes, and the run's steps (and the later
 * requests) wait minutes behind them. The excess is refused at once, with a message.
 */
export const MAX_MODEL_REQUESTS = 8;
export const TOO_MANY_REQUESTS_MESSAGE =
  `The model is already answering ${MAX_MODEL_REQUESTS} requests: this one was dropped so that ` +
  'training keeps going. Try again in a moment.';

export type ModelCommand = Extract<
  WorkerCommand,
  { type: 'predict' | 'classifySamples' | 'confusionExamples' | 'firstLayerFilters' | 'inspect' }
>;

/** What the requests need of the session. */
export interface ModelRequestHost {
  /** The model that answers: the run's, or one loaded from files. */
  predictor(): Predictor | null;
  /** The run's trainer, which alone keeps its epochs' evaluations. */
  trainer(): Trainer | null;
  testImages(): LabelledImages | undefined;
  post(event: WorkerEvent): void;
  /** Reports `error` as the failure of request `id`. */
  fail(error: unknown, id: number): void;
  /** WebGPU reports out-of-memory and validation errors asynchronously, outside tfjs: without
   * this check a failed request would come back as garbage. */
  throwIfGpuFailed(): void;
}

export class ModelRequests {
  private inFlight = 0;

  constructor(private readonly host: ModelRequestHost) {}

  async handle(cmd: ModelCommand): Promise<void> {
    if (this.inFlight >= MAX_MODEL_REQUESTS) {
      return this.host.fail(new Error(TOO_MANY_REQUESTS_MESSAGE), cmd.id);
    }
    this.inFlight++;
    try {
      await this.start(cmd);
    } finally {
      this.inFlight--;
    }
  }

  private start(cmd: ModelCommand): Promise<void> {
    const { id } = cmd;
    switch (cmd.type) {
      case 'predict':
      case 'inspect': {
        const problem = validatePixels(cmd.pixels);
        if (problem) {
          this.host.fail(new Error(problem), id);
          return Promise.resolve();
        }
        const { pixels } = cmd;
        return cmd.type === 'predict'
          ? this.answer(id, async (t) => ({
              type: 'prediction',
              id,
              probabilities: await t.predict(pixels, 1),
            }))
          : this.answer(id, async (t) => ({
              type: 'inspection',
              id,
              inspection: await inspectPicture(t.model, t.spec, pixels, t.kernels),
            }));
      }
      case 'classifySamples':
        return this.answer(id, async (t) => ({
          type: 'samples',
          id,
          samples: await classifySamples(t, this.testImages(), cmd.count),
        }));
      case 'confusionExamples':
        return this.answer(id, () => {
          const trainer = this.host.trainer();
          if (!trainer)
            throw new Error('A model loaded from files has no evaluations to look back at.');
          return Promise.resolve({
            type: 'cellExamples',
            id,
            examples: cellExamples(trainer, this.testImages(), cmd),
          });
        });
      case 'firstLayerFilters':
        return this.answer(id, async (t) => ({
          type: 'filters',
          id,
          filters: await firstLayerFilters(t),
        }));
      default:
        return cmd satisfies never;
    }
  }

  private async answer(id: number, work: (predictor: Predictor) => Promise<WorkerEvent>) {
    const predictor = this.host.predictor();
    if (!predictor) return this.host.fail(new Error(NO_MODEL_MESSAGE), id);
    try {
      const event = await work(predictor);
      this.host.throwIfGpuFailed();
      this.host.post(event);
    } catch (error) {
      this.host.fail(error, id);
    }
  }

  private testImages(): LabelledImages {
    const test = this.host.testImages();
    if (!test) throw new Error('The dataset is not loaded yet.');
    return test;
  }
}
