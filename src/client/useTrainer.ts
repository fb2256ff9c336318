// The React side of the worker: one TrainerClient per mounted page (and per restart), its events
// folded into TrainerState, and the commands the UI may send.

import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  CheckpointMode,
  ClassifiedSample,
  KernelMode,
  TrainConfig,
  CellExamples,
  Inspection,
  LayerFilters,
  CommandAnswer,
  CommandArgs,
  CommandName,
} from '../protocol';
import { DATA_DIR } from '../protocol';
import { exposeFaultHooks } from './faultHooks';
import { TrainerClient } from './TrainerClient';
import type { CallOptions, TrainerClientOptions, WorkerEndpoint } from './TrainerClient';
import { initialTrainerState, trainerReducer } from './trainerReducer';
import type { ControlCommand, TrainerAction, TrainerView } from './trainerReducer';
import { TrainerRequests } from './trainerRequests';
import { NO_REQUESTS, type RequestsInFlight } from './trainerState';

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

export type SavedModelFiles = CommandAnswer<'saveModel'>;
export type ExportedOnnx = CommandAnswer<'exportOnnx'>;

/** Sends any command and resolves with its answer (TrainerClient.call), or rejects. */
export type Call = <K extends CommandName>(
  name: K,
  args: CommandArgs<K>,
  options?: CallOptions<K>,
) => Promise<CommandAnswer<K>>;

export interface TrainerCommands {
  /** Any command, for panels that show the answer themselves (see useRequest). */
  call: Call;
  /** `fromCurrentWeights`: start from the current (loaded) model's weights, not seeded new ones. */
  train: (config: TrainConfig, fromCurrentWeights?: boolean) => void;
  control: (command: ControlCommand) => void;
  retryData: () => void;
  /** Replaces a dead, crashed or silent worker with a new one (the old weights are gone) and reloads
   * the data; `state.resumable`, which survives it, is then offered to resume. */
  restart: () => void;
  predict: (pixels: Float32Array, signal?: AbortSignal) => Promise<Float32Array>;
  classifySamples: (count: number, signal?: AbortSignal) => Promise<ClassifiedSample[]>;
  /** The test images behind one cell of an epoch's confusion matrix. */
  confusionExamples: (
    epoch: number,
    trueClass: number,
    predictedClass: number,
    signal?: AbortSignal,
  ) => Promise<CellExamples>;
  firstLayerFilters: (signal?: AbortSignal) => Promise<LayerFilters>;
  /** Feature maps and saliency of one 28x28 picture; `pixels` is transferred. */
  inspect: (pixels: Float32Array, signal?: AbortSignal) => Promise<Inspection>;
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
  /** Reads the files and hands them to the worker; answers with the names of the files that made
   * the model (model.json first), or rejects with the reason they were refused. */
  loadModel: (files: readonly File[]) => Promise<string[]>;
}

/**
 * Creates a worker, forwards its events to `dispatch`, starts watching it (life lock, heartbeat),
 * and asks it to pick a backend, load the data and say what is stored. `end()` unsubscribes and
 * terminates it. React's StrictMode runs an effect, its cleanup and the effect again: the first
 * worker is ended before the second starts, and its late events are dropped.
 */
export function startTrainerSession(
  createWorker: () => WorkerEndpoint,
  dispatch: (action: TrainerAction) => void,
  baseUrl: string = datasetBaseUrl(),
  kernels: KernelMode = 'own',
  options: TrainerClientOptions = {},
): { client: TrainerClient; requests: TrainerRequests; end: () => void } {
  const worker = createWorker();
  // Test builds only (src/protocol/faults.ts): a constant false elsewhere, so this is compiled out.
  if (__FAULT_HOOKS__) exposeFaultHooks(worker);
  const client = new TrainerClient(worker, options);
  let ended = false;
  // Answers reach `dispatch` through `requests`' promises, which settle after a microtask: once
  // the session has ended, they are dropped like the worker's late events.
  const forward = (action: TrainerAction) => {
    if (!ended) dispatch(action);
  };
  const unsubscribe = client.subscribe(forward);
  const requests = new TrainerRequests(client, forward);
  client.attach();
  requests.init(kernels);
  requests.loadData(baseUrl);
  requests.listStored();
  return {
    client,
    requests,
    end: () => {
      ended = true;
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
  state: TrainerView;
  commands: TrainerCommands;
} {
  const [state, dispatch] = useReducer(trainerReducer, initialTrainerState);
  const [requests, setRequests] = useState<RequestsInFlight>(NO_REQUESTS);
  // Bumped by restart(): the effect below tears down the old worker and builds a new one.
  const [generation, setGeneration] = useState(0);
  const sessionRef = useRef<ReturnType<typeof startTrainerSession> | null>(null);

  useEffect(() => {
    const session = startTrainerSession(createWorker, dispatch, datasetBaseUrl(), kernels);
    sessionRef.current = session;
    const unsubscribe = session.requests.subscribe(() => setRequests(session.requests.current));
    return () => {
      unsubscribe();
      session.end();
      if (sessionRef.current === session) sessionRef.current = null;
    };
  }, [createWorker, generation, kernels]);

  const commands = useMemo<TrainerCommands>(() => {
    const withRequests = (fn: (r: TrainerRequests) => void) => {
      const session = sessionRef.current;
      if (session) fn(session.requests);
    };
    const call: Call = (name, args, options) =>
      sessionRef.current?.client.call(name, args, options) ?? noWorker();
    return {
      call,
      train: (config, fromCurrentWeights = false) =>
        withRequests((r) => r.start(config, fromCurrentWeights ? 'fromCurrentWeights' : 'fresh')),
      resumeCheckpoint: (config) => withRequests((r) => r.start(config, 'resume')),
      discardCheckpoint: () => withRequests((r) => r.storage('discardCheckpoint', {})),
      renameRun: (runId, name) => withRequests((r) => r.storage('renameRun', { runId, name })),
      deleteRun: (runId) => withRequests((r) => r.storage('deleteRun', { runId })),
      removeDamagedRuns: () => withRequests((r) => r.storage('removeDamagedRuns', {})),
      setCheckpointMode: (mode) => withRequests((r) => r.storage('setCheckpointMode', { mode })),
      saveModel: () => call('saveModel', {}),
      exportOnnx: () => call('exportOnnx', {}),
      loadModel: async (files) => {
        const read = await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
        );
        const loaded = await call('loadModel', { files: read });
        dispatch(loaded);
        return loaded.fileNames;
      },
      control: (command) => withRequests((r) => r.control(command)),
      retryData: () => withRequests((r) => r.loadData(datasetBaseUrl())),
      restart: () => {
        dispatch({ type: 'client/started' });
        setRequests(NO_REQUESTS);
        setGeneration((g) => g + 1);
      },
      predict: async (pixels, signal) =>
        (await call('predict', { pixels }, { signal })).probabilities,
      classifySamples: async (count, signal) =>
        (await call('classifySamples', { count }, { signal })).samples,
      confusionExamples: async (epoch, trueClass, predictedClass, signal) =>
        (await call('confusionExamples', { epoch, trueClass, predictedClass }, { signal }))
          .examples,
      firstLayerFilters: async (signal) =>
        (await call('firstLayerFilters', {}, { signal })).filters,
      inspect: async (pixels, signal) => (await call('inspect', { pixels }, { signal })).inspection,
      dismissNotice: () => dispatch({ type: 'client/noticeDismissed' }),
    };
  }, []);

  const view = useMemo<TrainerView>(() => ({ ...state, requests }), [state, requests]);
  return { state: view, commands };
}
