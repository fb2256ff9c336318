// One training run inside the session, once it may start (nothing else runs, the lock is held):
// the engine's trainer from the chosen origin, the run record and its checkpoints, the run itself
// with divergence watched, and how it ends ('trainStarted', then 'batch'/'epoch' events, then 'done').

import {
  SnapshotMismatchError,
  StepProfiler,
  type Engine,
  type EngineData,
  type ErrorContext,
  type StepProgress,
  type Trainer,
} from '../engine';
import { StorageError } from '../storage/storageError';
import type {
  CheckpointSummary,
  ErrorScope,
  TrainConfig,
  TrainerSnapshot,
  WorkerEvent,
} from '../protocol';
import { DivergenceWatch } from './divergenceWatch';
import type { Persistence } from './persistence';
import type { RunControl } from './runControl';
import { RunRecorder } from './runRecorder';

/** Where a run's weights come from besides a fresh seeded start. */
export type RunOrigin =
  | { kind: 'fresh' }
  | { kind: 'weights'; snapshot: TrainerSnapshot }
  | { kind: 'checkpoint'; summary: CheckpointSummary; snapshot: TrainerSnapshot };

export interface TrainingRunSetup {
  /** The request that started the run: answered by 'trainStarted', or by an error before it. */
  id: number;
  config: TrainConfig;
  origin: RunOrigin;
  engine: Engine;
  data: EngineData;
  control: RunControl;
  persistence: Persistence;
  /** Sample a step's profile now and then for the Performance panel (training/stepProfiler.ts). */
  profileSteps: boolean;
}

/** What the run needs of the session around it. */
export interface TrainingRunHost {
  post(event: WorkerEvent): void;
  fail(scope: ErrorScope, error: unknown, extra?: { id?: number; ctx?: ErrorContext }): void;
  /** True once the backend failed for good: its knock-on errors are not reported again. */
  isBroken(): boolean;
  /** The run's trainer, the moment it exists: the session's current model from then on. */
  adoptTrainer(trainer: Trainer): void;
  /** Each progress report, for what an export mid-run says of its weights. */
  progress(progress: StepProgress): void;
  /** Frees the run's model ('model'), or that and the GPU copy of the data ('gpu-data'). */
  release(level: 'model' | 'gpu-data'): void;
}

/** Runs the training to its end. Never rejects: failures become error events and a 'failed' done. */
export async function runTraining(setup: TrainingRunSetup, host: TrainingRunHost): Promise<void> {
  const { id, config, origin, engine, data, control, persistence, profileSteps } = setup;
  let started = false;
  let recorder: RunRecorder | null = null;
  try {
    const trainer = engine.createTrainer(config, data);
    host.adoptTrainer(trainer);
    if (origin.kind !== 'fresh') {
      const epochsDone = origin.kind === 'checkpoint' ? origin.summary.epochsDone : 0;
      await trainer.restore(origin.snapshot, epochsDone);
    }
    const resumed = origin.kind === 'checkpoint' ? origin.summary : null;
    recorder = await RunRecorder.start(persistence, (e) => host.post(e), {
      config,
      backend: engine.info,
      resumed,
      parameterCount: trainer.model.countParams(),
    });
    await persistence.lock.markRun(recorder.runId);
    persistence.announceChange();
    host.post({
      type: 'trainStarted',
      id,
      config,
      ...trainer.plan,
      runId: recorder.runId,
      checkpoint: await recorder.plan(),
      ...(resumed
        ? {
            resumed: {
              epochsDone: resumed.epochsDone,
              epochs: resumed.epochs,
              contents: resumed.contents,
            },
          }
        : {}),
    });
    started = true;
    const run = recorder;
    const divergence = new DivergenceWatch(() => control.stop());
    const reason = await trainer.run(
      {
        onProgress: (p) => {
          host.progress(p);
          host.post({ type: 'batch', ...p });
          divergence.progress(p);
        },
        onEpoch: async (metrics) => {
          if (divergence.epoch(metrics)) return;
          host.post({ type: 'epoch', metrics });
          await run.epochDone(metrics, trainer);
        },
        // The live step profile of the page's Performance panel (one step in many).
        ...(profileSteps && {
          profiler: new StepProfiler(config.model, config.batchSize, (profile) =>
            host.post({ type: 'stepProfile', profile }),
          ),
        }),
      },
      control,
    );
    if (divergence.problem !== null) {
      await recorder.finish('failed');
      host.release('model'); // NaN weights answer nothing
      host.fail('training', new Error(divergence.message(recorder.keptEpoch)));
      host.post({ type: 'done', reason: 'failed' });
      return;
    }
    await recorder.finish(reason);
    host.post({ type: 'done', reason });
  } catch (error) {
    host.release('gpu-data');
    // A lost device was reported once, as fatal, when it happened: its knock-on errors are not.
    const ctx: ErrorContext = { model: config.model, batchSize: config.batchSize };
    const scope: ErrorScope = isStorageProblem(error) ? 'storage' : 'training';
    if (!host.isBroken()) host.fail(scope, error, started ? { ctx } : { ctx, id });
    if (started) {
      await recorder?.finish('failed').catch(() => undefined);
      host.post({ type: 'done', reason: 'failed' });
    }
  }
}

function isStorageProblem(error: unknown): boolean {
  return error instanceof StorageError || error instanceof SnapshotMismatchError;
}
