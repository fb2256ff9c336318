import { useEffect, useRef, useState } from 'react';
import type { TrainConfig } from '../protocol';
import { isTrainingBusy, type TrainerState } from '../client/trainerReducer';
import {
  canResume,
  canStartTraining,
  hasUnsavedTraining,
  modelAvailability,
  OTHER_TAB_TRAINING,
  savingEpoch,
  otherTabTraining,
  trainingEta,
} from '../client/trainerSelectors';
import { parseTrainConfigParams, trainConfigToSearch } from '../client/urlConfig';
import { useTrainer } from '../client/useTrainer';
import { ArchitectureTable } from '../ui/insight/ArchitectureTable';
import { BackendStatus } from '../ui/shared/BackendStatus';
import { CheckpointPanel } from '../ui/storage/CheckpointPanel';
import { ClassifyPanel } from '../ui/classify/ClassifyPanel';
import { DataProgress } from '../ui/training/DataProgress';
import { EpochLogTable } from '../ui/training/EpochLogTable';
import { EpochProgress } from '../ui/training/EpochProgress';
import { EvaluationPanels } from '../ui/insight/EvaluationPanels';
import { FilterGrid } from '../ui/insight/FilterGrid';
import type { InspectTarget } from '../ui/shared/inspectTarget';
import { NetworkView } from '../ui/insight/NetworkView';
import { LossAccuracyCharts } from '../ui/training/LossAccuracyCharts';
import { ModelFilesPanel } from '../ui/storage/ModelFilesPanel';
import { ResumeBanner } from '../ui/storage/ResumeBanner';
import { RunHistory } from '../ui/storage/RunHistory';
import { SampleGallery } from '../ui/classify/SampleGallery';
import { TrainingControls } from '../ui/training/TrainingControls';
import { useLeaveWarning } from '../ui/shared/useLeaveWarning';
import { WorkerFailure, WorkerSilent } from '../ui/shared/WorkerFailure';

function waitingReason(state: TrainerState): string | null {
  if (state.worker.status === 'starting')
    return 'Waiting for the training worker to pick a backend…';
  if (state.worker.status === 'failed') return 'The training worker has stopped.';
  if (state.data.status === 'error')
    return 'The dataset is needed before training: retry loading it.';
  if (state.data.status !== 'loaded') return 'Waiting for the dataset to finish loading…';
  if (otherTabTraining(state)) return OTHER_TAB_TRAINING;
  return null;
}

interface PendingTrain {
  config: TrainConfig;
  fromCurrentWeights: boolean;
}

// Read once: the URL sets the starting values, the form takes over from there.
const fromUrl = parseTrainConfigParams(window.location.search);

export function App() {
  const { state, commands } = useTrainer(undefined, fromUrl.kernels);
  const [config, setConfig] = useState<TrainConfig>(fromUrl.config);
  // The picture "What the network sees" looks inside: the last classified, or a test image picked.
  const [inspected, setInspected] = useState<InspectTarget | null>(null);

  // Keep the address bar in step with the form, so the current settings can be shared as a link.
  useEffect(() => {
    const search = trainConfigToSearch(config, undefined, fromUrl.kernels);
    if (search !== window.location.search) {
      window.history.replaceState(
        null,
        '',
        `${window.location.pathname}${search}${window.location.hash}`,
      );
    }
  }, [config]);

  const model = modelAvailability(state);
  const { training } = state;
  // Leaving mid-epoch asks first; a stored unfinished run is offered.
  useLeaveWarning(hasUnsavedTraining(state));
  const resumable = isTrainingBusy(training) ? null : state.resumable;
  const shownModel =
    training.config && isTrainingBusy(training) ? training.config.model : config.model;
  const loadedModel = training.loaded;
  // Train while an unfinished run is stored asks first: the new run's checkpoint would replace it.
  const [pendingTrain, setPendingTrain] = useState<PendingTrain | null>(null);
  const train = (next: TrainConfig, fromCurrentWeights = false) => {
    if (resumable) setPendingTrain({ config: next, fromCurrentWeights });
    else commands.train(next, fromCurrentWeights);
  };
  const confirmNewRun = () => {
    if (!pendingTrain) return;
    commands.discardCheckpoint();
    commands.train(pendingTrain.config, pendingTrain.fromCurrentWeights);
    setPendingTrain(null);
  };
  const trainFromLoaded = () => {
    if (!loadedModel) return;
    const next = { ...config, model: loadedModel.model };
    setConfig(next);
    train(next, true);
  };

  // The Restart button goes away with the banner it sits in: focus moves to the page's heading
  // rather than falling to the body, so keyboard and screen-reader users start again from the top.
  const heading = useRef<HTMLHeadingElement>(null);
  const restart = () => {
    commands.restart();
    heading.current?.focus();
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            AlexNet on WebGPU
          </h1>
          <p className="subtitle">
            Train AlexNet on Fashion-MNIST in this browser tab, as in the AlexNet chapter of{' '}
            <cite>Dive into Deep Learning</cite>. Nothing leaves your machine.
          </p>
        </div>
        <BackendStatus worker={state.worker} />
      </header>

      {state.worker.status === 'failed' && (
        <WorkerFailure
          message={state.worker.error ?? 'It stopped without saying why.'}
          onRestart={restart}
          resumeEpoch={state.resumable?.epoch ?? null}
        />
      )}
      {state.worker.status !== 'failed' && state.worker.silent && (
        <WorkerSilent
          stillRunning={state.worker.silent.stillRunning}
          onRestart={restart}
          resumeEpoch={state.resumable?.epoch ?? null}
        />
      )}
      {resumable && state.worker.status !== 'failed' && (
        <ResumeBanner
          checkpoint={resumable}
          canResume={canResume(state)}
          busy={state.storage.busy !== null}
          onResume={() => {
            setPendingTrain(null);
            commands.resumeCheckpoint(resumable.config);
          }}
          onDiscard={commands.discardCheckpoint}
          newRun={
            pendingTrain && { onConfirm: confirmNewRun, onCancel: () => setPendingTrain(null) }
          }
        />
      )}
      {state.notice && (
        <div className="notice" role="status">
          <p>{state.notice}</p>
          <button type="button" onClick={commands.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      {fromUrl.notes.length > 0 && (
        <div className="notice" role="note" aria-label="URL settings">
          <p>Some settings in the address were not used:</p>
          <ul>
            {fromUrl.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}

      <main className="layout">
        <div className="column">
          <DataProgress
            data={state.data}
            onRetry={commands.retryData}
            canRetry={state.worker.status === 'ready'}
          />
          <TrainingControls
            config={config}
            onConfigChange={setConfig}
            training={training}
            backend={state.worker.backend}
            context={{
              available: state.data.loaded
                ? { train: state.data.loaded.trainCount, test: state.data.loaded.testCount }
                : null,
              limits: state.worker.backend?.limits ?? null,
            }}
            canTrain={canStartTraining(state)}
            waitingFor={waitingReason(state)}
            onTrain={train}
            onControl={commands.control}
          >
            <EpochProgress training={training} eta={trainingEta(state)} />
          </TrainingControls>
          <CheckpointPanel
            storage={state.storage}
            saving={savingEpoch(state)}
            model={shownModel}
            onModeChange={commands.setCheckpointMode}
            onDiscard={commands.discardCheckpoint}
          />
          <ModelFilesPanel
            model={model}
            busy={isTrainingBusy(training)}
            ready={state.worker.status === 'ready'}
            loaded={loadedModel}
            save={commands.saveModel}
            exportOnnx={commands.exportOnnx}
            load={commands.loadModel}
            onTrainFromLoaded={trainFromLoaded}
            canTrainFromLoaded={canStartTraining(state)}
          />
        </div>
        <div className="column wide">
          <LossAccuracyCharts
            epochs={training.epochs}
            batchLosses={training.batchLosses}
            plannedEpochs={training.config?.epochs ?? config.epochs}
            config={training.config ?? config}
          />
          <EpochLogTable epochs={training.epochs} />
          <RunHistory
            report={state.storage.report}
            currentRunId={isTrainingBusy(training) ? training.recordId : null}
            otherTabRunIds={state.storage.report?.otherTab.runIds ?? []}
            checkpoint={state.storage.report?.checkpoint ?? null}
            busy={state.storage.busy !== null}
            onRename={commands.renameRun}
            onDelete={commands.deleteRun}
            onRemoveDamaged={commands.removeDamagedRuns}
          />
        </div>
        <div className="full">
          <EvaluationPanels
            epochs={training.epochs}
            runId={training.runId}
            confusionExamples={commands.confusionExamples}
            onInspect={setInspected}
          />
        </div>
        <div className="full">
          <ClassifyPanel model={model} predict={commands.predict} onClassified={setInspected} />
        </div>
        <div className="column">
          <FilterGrid model={model} firstLayerFilters={commands.firstLayerFilters} />
          <SampleGallery
            model={model}
            classifySamples={commands.classifySamples}
            onInspect={setInspected}
          />
        </div>
        <div className="column wide">
          <NetworkView model={model} target={inspected} inspect={commands.inspect} />
          <ArchitectureTable model={shownModel} />
        </div>
      </main>
      <footer className="page-footer muted">
        Reference run: PyTorch, Adam lr 0.001, batch 128, 5 epochs, test accuracy 0.856 → 0.901.
      </footer>
    </>
  );
}
