import type { ModelAvailability } from '../../client/trainerSelectors';
import type { TrainerCommands } from '../../client/useTrainer';
import type { InspectTarget } from '../shared/inspectTarget';
import { ClassifyPanel } from './ClassifyPanel';
import { SampleGallery } from './SampleGallery';
import './ClassifyTab.css';

interface ClassifyTabProps {
  model: ModelAvailability;
  /** Told of each picture classified or picked, for "What the network sees" (Inspect). */
  onInspect: (target: InspectTarget) => void;
  commands: Pick<TrainerCommands, 'predict' | 'classifySamples'>;
}

/** Ask the model: a drawing or an upload, and a handful of test images with its answers. */
export function ClassifyTab({ model, onInspect, commands }: ClassifyTabProps) {
  return (
    <div className="classify-tab">
      <ClassifyPanel model={model} predict={commands.predict} onClassified={onInspect} />
      <SampleGallery
        model={model}
        classifySamples={commands.classifySamples}
        onInspect={onInspect}
      />
    </div>
  );
}
