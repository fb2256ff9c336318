import { useEffect, useRef, useState } from 'react';
import type { TrainConfig } from '../protocol';
import { isTrainingActive, isTrainingBusy } from '../client/trainerReducer';
import { hasUnsavedTraining, modelAvailability } from '../client/trainerSelectors';
import { trainingGate } from '../client/trainingGate';
import { parseTrainConfigParams, trainConfigToSearch } from '../client/urlConfig';
import { useKernelBench } from '../client/useKernelBench';
import { useTrainer } from '../client/useTrainer';
import { ClassifyTab } from '../ui/classify/ClassifyTab';
import { InsightTab } from '../ui/insight/InsightTab';
import { BackendStatus } from '../ui/shared/BackendStatus';
import type { InspectTarget } from '../ui/shared/inspectTarget';
import { PanelTabs, type PanelTab } from '../ui/shared/PanelTabs';
import { PerformancePanel } from '../ui/performance/PerformancePanel';
import { useLeaveWarning } from '../ui/shared/useLeaveWarning';
import { StorageTab } from '../ui/storage/StorageTab';
import { TrainingTab } from '../ui/training/TrainingTab';
import { PageNotices, type PendingTrain } from './PageNotices';
import { useFormSettings } from './useFormSettings';

// Read once: the URL sets the starting values (and the #tab), the page takes over from there.
const fromUrl = parseTrainConfigParams(window.location.search);
const tabFromUrl = window.location.hash.slice(1);

export function App() {
  const { state, commands } = useTrainer(undefined, fromUrl.kernels);
  const bench = useKernelBench();
  // The run the worker has started (not one only asked for: until it answers, the old run's
  // settings are still in the state).
  const runConfig = isTrainingActive(state.training.status) ? state.training.config : null;
  const { config, setConfig, version: formVersion } = useFormSettings(fromUrl.config, runConfig);
  const [settingsValid, setSettingsValid] = useState(true);
  const [tab, setTab] = useState(tabFromUrl || 'training');
  // The picture "What the network sees" looks inside: the last classified, or a test image picked.
  const [inspected, setInspected] = useState<InspectTarget | null>(null);

  const model = modelAvailability(state);
  const { training } = state;
  const benchmarking = bench.state.status === 'running' || bench.state.status === 'stopping';
  const gate = trainingGate(state, { benchmarking, settingsValid });
  // Leaving mid-epoch asks first; a stored unfinished run is offered.
  useLeaveWarning(hasUnsavedTraining(state));
  const resumable = isTrainingBusy(state) ? null : state.resumable;
  const shownModel =
    training.config && isTrainingBusy(state) ? training.config.model : config.model;
  // Train while an unfinished run is stored asks first: the new run's checkpoint would replace it.
  const [pendingTrain, setPendingTrain] = useState<PendingTrain | null>(null);
  const train = (next: TrainConfig, fromCurrentWeights = false) => {
    if (resumable) setPendingTrain({ config: next, fromCurrentWeights });
    else commands.train(next, fromCurrentWeights);
  };
  const trainFromLoaded = () => {
    if (!training.loaded || !gate.canTrainFromLoaded) return;
    const next = { ...config, model: training.loaded.model };
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

  // The page's sections, the training story first. A new panel is one entry here.
  const tabs: PanelTab[] = [
    {
      id: 'training',
      label: 'Training',
      content: (
        <TrainingTab
          state={state}
          config={config}
          formVersion={formVersion}
          onConfigChange={setConfig}
          onValidityChange={setSettingsValid}
          canTrain={gate.canTrain}
          waitingFor={gate.trainBlock}
          onTrain={train}
          commands={commands}
        />
      ),
    },
    {
      id: 'inspect',
      label: 'Inspect',
      content: (
        <InsightTab
          training={training}
          model={model}
          shownModel={shownModel}
          inspected={inspected}
          onInspect={setInspected}
          commands={commands}
        />
      ),
    },
    {
      id: 'classify',
      label: 'Classify',
      content: <ClassifyTab model={model} onInspect={setInspected} commands={commands} />,
    },
    {
      id: 'storage',
      label: 'Runs & model files',
      content: (
        <StorageTab
          state={state}
          model={model}
          shownModel={shownModel}
          onTrainFromLoaded={trainFromLoaded}
          canTrainFromLoaded={gate.canTrainFromLoaded}
          trainFromLoadedBlock={gate.trainFromLoadedBlock}
          commands={commands}
        />
      ),
    },
    {
      id: 'performance',
      label: 'Performance',
      content: (
        <PerformancePanel
          backend={state.worker.backend}
          stepProfile={state.stepProfile}
          model={shownModel}
          batch={(isTrainingBusy(state) && training.config?.batchSize) || config.batchSize}
          trainingBusy={isTrainingBusy(state)}
          bench={bench}
        />
      ),
    },
  ];

  const shownTab = tabs.some((t) => t.id === tab) ? tab : 'training';

  // Keep the address bar in step with the form and the tab, so the view can be shared as a link.
  useEffect(() => {
    const search = trainConfigToSearch(config, undefined, fromUrl.kernels);
    const hash = shownTab === 'training' ? '' : `#${shownTab}`;
    if (search !== window.location.search || hash !== window.location.hash) {
      window.history.replaceState(null, '', `${window.location.pathname}${search}${hash}`);
    }
  }, [config, shownTab]);

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
      <PageNotices
        state={state}
        resumable={resumable}
        canResume={gate.canResume}
        resumeBlock={gate.resumeBlock}
        urlNotes={fromUrl.notes}
        onRestart={restart}
        pendingTrain={pendingTrain}
        onPendingTrainChange={setPendingTrain}
        commands={commands}
      />
      <main>
        <PanelTabs label="Sections" tabs={tabs} selected={shownTab} onSelect={setTab} />
      </main>
      <footer className="page-footer muted">
        Reference run: PyTorch, Adam lr 0.001, batch 128, 5 epochs, test accuracy 0.856 → 0.901.
      </footer>
    </>
  );
}
