import {
  applyPreset,
  CONFIG_RULES,
  isPresetName,
  PRESET_LABELS,
  PRESET_NAMES,
  presetChanges,
} from '../../protocol';
import type { RecipeSettings, TrainConfig } from '../../protocol';
import './PresetPicker.css';

/** The form's name for each recipe setting, as the change summary lists them. */
export const RECIPE_FIELD_LABELS: Readonly<Record<keyof RecipeSettings, string>> = {
  epochs: CONFIG_RULES.epochs.label,
  batchSize: CONFIG_RULES.batchSize.label,
  learningRate: CONFIG_RULES.learningRate.label,
  schedule: 'Schedule',
  warmupShare: CONFIG_RULES.warmupShare.label,
  weightDecay: CONFIG_RULES.weightDecay.label,
  labelSmoothing: CONFIG_RULES.labelSmoothing.label,
  flips: 'Flips',
  shifts: 'Shifts',
  dropout: CONFIG_RULES.dropout.label,
};

interface PresetPickerProps {
  config: TrainConfig;
  /** Called with the config the chosen preset makes. */
  onPick: (config: TrainConfig) => void;
}

/** The preset select and a line saying which preset is in force and which settings depart from it. */
export function PresetPicker({ config, onPick }: PresetPickerProps) {
  const changes = presetChanges(config);
  return (
    <div className="field wide">
      <label className="field">
        <span>Preset</span>
        <select
          value={config.preset}
          aria-describedby="preset-status"
          onChange={(e) => {
            if (isPresetName(e.target.value)) onPick(applyPreset(config, e.target.value));
          }}
        >
          {PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {PRESET_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <p className="preset-status" id="preset-status" role="status" aria-label="Preset in force">
        {changes.length === 0
          ? `${PRESET_LABELS[config.preset]} in force.`
          : `${PRESET_LABELS[config.preset]}, changed: ${changes
              .map((field) => RECIPE_FIELD_LABELS[field].toLowerCase())
              .join(', ')}.`}
      </p>
    </div>
  );
}
