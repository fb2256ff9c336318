// The React side of the worker: one TrainerClient per mounted page (and per restart), its events
// folded into TrainerState, and the commands the UI may send.

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  CheckpointMode,
  ClassifiedSample,
  KernelMode,
  TrainConfig,
  WorkerEvent,
  CellExamples,
  Inspection,
  LayerFilters,
  StepProfile,
} from '../protocol';
import { DATA_DIR } from '../data/manifest';
import { exposeFaultHooks } from './faultHooks';
import { TrainerClient } from './TrainerClient';
import type { TrainerClientOptions, WorkerEndpoint } from './TrainerClient';
import { initialTrainerState, trainerReducer } from './trainerReducer';
import type { ControlCommand, TrainerAction, TrainerState } from './trainerReducer';

export function createTrainingWorker(): WorkerEndpoint {
  return new Worker(new URL('../worker/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
}

/** Where the worker fetches the dataset shards from, under the app's base URL. */
export function datasetBaseUrl(): string {
  return `${import.meta.env.BASE_URL}${DATA_DIR}/`;
}

export type SavedModelFiles = Extract<WorkerEvent, { type: 'modelFiles' }>;
export type ExportedOnnx = Extract<WorkerEvent, { type: 'onnxFile' }>;

export interface TrainerCommands {
  /** `fromCurrentWeights`: start from the current (loaded) model's weights, not seeded new ones. */
  train: (config: TrainConfig, fromCurrentWeights?: boolean) => void;
  control: (command: ControlCommand) => void;
  retryData: () => void;
  /** Replaces a dead, crashed or silent worker with a new one (the old weights are gone) and reloads
   * the data; `state.resumable`, which survives it, is then offered to resume. */
  restart: () => void;
  predict: (pixels: Float32Array) => Promise<Float32Array>;
  classifySamples: (count: number) => Promise<ClassifiedSample[]>;
  /** The test images behind one cell of an epoch's confusion matrix. */
  confusionExamples: (
    epoch: number,
    trueClass: number,
    predictedClass: number,
  ) => Promise<CellExamples>;
  firstLayerFilters: () => Promise<LayerFilters>;
  /** Feature maps and saliency of one 28x28 picture; `pixels` is transferred. */
  inspect: (pixels: Float32Array) => Promise<Inspection>;
  dismissNotice: () => void;
  /** Continues the stored checkpoint's run (its config comes with it). */
  resumeCheckpoint: (config: TrainConfig) => void;
  discardCheckpoint: () => void;
  renameRun: (runId: string, name: string) => void;
  deleteRun: (runId: string) => void;
  /** Deletes the run-history records listed as damaged. */
  removeDamagedRuns: () => void;
  setCheckpointMode: (mode: CheckpointMode) => void;
  saveModel: () => Promise<SavedModelFiles>;
  exportOnnx: () => Promise<ExportedOnnx>;
  /** Reads the files and hands them to the worker; rejects with the reason they were refused. */
  /** Answers with the names of the files that made the model (model.json first). */
  loadModel: (files: readonly File[]) => Promise<string[]>;
}

/**
 * Creates a worker, forwards its events to `dispatch`, starts watching it (life lock, heartbeat),
 * and asks it to pick a backend and load the data. `end()` unsubscribes and terminates it. React's
 * StrictMode runs an effect, its cleanup and the effect again: the first worker is ended before the
 * second starts, and its late events are dropped.
 */
export function startTrainerSession(
  createWorker: () => WorkerEndpoint,
  dispatch: (action: TrainerAction) => void,
  baseUrl: string = datasetBaseUrl(),
  kernels: KernelMode = 'own',
  options: TrainerClientOptions = {},
): { client: TrainerClient; end: () => void } {
  const worker = createWorker();
  // Test builds only (src/protocol/faults.ts): a constant false elsewhere, so this is compiled out.
  if (__FAULT_HOOKS__) exposeFaultHooks(worker);
  const client = new TrainerClient(worker, options);
  const unsubscribe = client.subscribe(dispatch);
  client.attach();
  client.send({ type: 'init', kernels });
  dispatch({ type: 'client/loadDataRequested', id: client.send({ type: 'loadData', baseUrl }) });
  // What is stored (a checkpoint to resume, the run history): answered by `stored`.
  client.send({ type: 'listStored' });
  return {
    client,
    end: () => {
      unsubscribe();
      client.terminate();
    },
  };
}

const noWorker = () => Promise.reject(new Error('The training worker is not running.'));

export function useTrainer(
  createWorker: () => WorkerEndpoint = createTrainingWorker,
  kernels: KernelMode = 'own',
): {
  state: TrainerState;
  commands: TrainerCommands;
  /** The latest sampled step profile of the current worker (Performance panel); null before one. */
  stepProfile: StepProfile | null;
} {
  const [state, dispatch] = useReducer(trainerReducer, initialTrainerState);
  const [stepProfile, setStepProfile] = useState<StepProfile | null>(null);
  // Bumped by restart(): the effect below tears down the old worker and builds a new one.
  const [generation, setGeneration] = useState(0);
  const clientRef = useRef<TrainerClient | null>(null);

  useEffect(() => {
    const session = startTrainerSession(createWorker, dispatch, datasetBaseUrl(), kernels);
    clientRef.current = session.client;
    const offProfile = session.client.subscribe((event) => {
      if (event.type === 'stepProfile') setStepProfile(event.profile);
    });
    return () => {
      offProfile();
      session.end();
      if (clientRef.current === session.client) clientRef.current = null;
    };
  }, [createWorker, generation, kernels]);

  // Each request's id goes to the reducer, which matches the worker's answer to it.
  const send = useCallback((fn: (client: TrainerClient) => TrainerAction) => {
    const client = clientRef.current;
    if (client) dispatch(fn(client));
  }, []);

  const commands = useMemo<TrainerCommands>(
    () => ({
      train: (config, fromCurrentWeights = false) =>
        send((c) => ({
          type: 'client/trainRequested',
          id: c.send({
            type: 'train',
            config,
            ...(fromCurrentWeights ? { fromCurrentWeights } : {}),
          }),
          config,
        })),
      resumeCheckpoint: (config) =>
        send((c) => ({
          type: 'client/resumeRequested',
          id: c.send({ type: 'resumeCheckpoint' }),
          config,
        })),
      discardCheckpoint: () =>
        send((c) => ({
          type: 'client/storageRequested',
          id: c.send({ type: 'discardCheckpoint' }),
        })),
      renameRun: (runId, name) =>
        send((c) => ({
          type: 'client/storageRequested',
          id: c.send({ type: 'renameRun', runId, name }),
        })),
      deleteRun: (runId) =>
        send((c) => ({
          type: 'client/storageRequested',
          id: c.send({ type: 'deleteRun', runId }),
        })),
      removeDamagedRuns: () =>
        send((c) => ({
          type: 'client/storageRequested',
          id: c.send({ type: 'removeDamagedRuns' }),
        })),
      setCheckpointMode: (mode) =>
        send((c) => ({
          type: 'client/storageRequested',
          id: c.send({ type: 'setCheckpointMode', mode }),
        })),
      saveModel: () => clientRef.current?.saveModel() ?? noWorker(),
      exportOnnx: () => clientRef.current?.exportOnnx() ?? noWorker(),
      loadModel: async (files) => {
        const read = await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
        );
        const client = clientRef.current;
        if (!client) throw new Error('The training worker is not running.');
        return (await client.loadModel(read)).fileNames;
      },
      control: (command) =>
        send((c) => ({
          type: 'client/controlRequested',
          id: c.send({ type: command }),
          command,
        })),
      retryData: () =>
        send((c) => ({
          type: 'client/loadDataRequested',
          id: c.send({ type: 'loadData', baseUrl: datasetBaseUrl() }),
        })),
      restart: () => {
        dispatch({ type: 'client/started' });
        setGeneration((g) => g + 1);
      },
      predict: (pixels) => clientRef.current?.predict(pixels) ?? noWorker(),
      classifySamples: (count) => clientRef.current?.classifySamples(count) ?? noWorker(),
      confusionExamples: (epoch, trueClass, predictedClass) =>
        clientRef.current?.confusionExamples(epoch, trueClass, predictedClass) ?? noWorker(),
      firstLayerFilters: () => clientRef.current?.firstLayerFilters() ?? noWorker(),
      inspect: (pixels) => clientRef.current?.inspect(pixels) ?? noWorker(),
      dismissNotice: () => dispatch({ type: 'client/noticeDismissed' }),
    }),
    [send],
  );

  return { state, commands, stepProfile };
}
