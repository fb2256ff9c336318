import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import {
  configProblems,
  CONFIG_RULES,
  isLrSchedule,
  isModelName,
  LR_SCHEDULES,
  MODEL_NAMES,
  NUMERIC_FIELDS,
  parseConfigNumber,
  presetChanges,
} from '../../protocol';
import type { BackendInfo, ConfigContext, NumericConfigField, TrainConfig } from '../../protocol';
import { isStopping, isTrainingBusy } from '../../client/trainerReducer';
import { PresetPicker } from './PresetPicker';
import { RunButtons } from './RunButtons';
import type { ControlCommand, RequestsInFlight, TrainerState } from '../../client/trainerReducer';
import './TrainingControls.css';

const MODEL_LABELS: Record<TrainConfig['model'], string> = {
  alexnet: 'alexnet (224x224, as in the reference run)',
  'alexnet-mini': 'alexnet-mini (28x28, fast)',
};

/** The numeric settings, in the form's order. */
const FIELDS = NUMERIC_FIELDS;

const SCHEDULE_LABELS: Record<TrainConfig['schedule'], string> = {
  constant: 'constant',
  cosine: 'cosine',
  'one-cycle': 'one-cycle',
};

const FLAG_LABELS = {
  flips: 'Flips (random horizontal mirror)',
  shifts: 'Shifts (random, up to 2 pixels)',
} as const;

/** Marks a setting that departs from the preset in force: a dot to see, words to hear with the label. */
const ChangedMark = () => (
  <span className="changed-mark" title="changed from the preset">
    {' '}
    ●<span className="visually-hidden"> changed from the preset</span>
  </span>
);

type Drafts = Record<NumericConfigField, string>;

/** The form's text for each numeric setting of `config`. */
const draftsOf = (config: TrainConfig): Drafts =>
  Object.fromEntries(FIELDS.map((field) => [field, String(config[field])])) as Drafts;

type FieldErrors = Partial<Record<NumericConfigField, string>>;

/**
 * Errors for the current drafts: each text parsed strictly, then, once every field parses, the
 * config (which holds the parsed values) checked against the rules the worker applies, with the
 * images loaded and the GPU's buffer limits.
 */
function fieldErrors(drafts: Drafts, config: TrainConfig, context: ConfigContext): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELDS) {
    const parsed = parseConfigNumber(field, drafts[field]);
    if ('error' in parsed) errors[field] = parsed.error;
  }
  if (Object.keys(errors).length > 0) return errors;
  for (const { field, message } of configProblems(config, context)) {
    // The form offers only valid choices and checkboxes: the rules it can break are numeric.
    if (field !== null && (FIELDS as readonly string[]).includes(field)) {
      errors[field as NumericConfigField] ??= message;
    }
  }
  return errors;
}

export function isSlowBackend(backend: BackendInfo | null): boolean {
  return backend !== null && (backend.isSoftware || backend.name !== 'webgpu');
}

interface TrainingControlsProps {
  config: TrainConfig;
  onConfigChange: (config: TrainConfig) => void;
  /** Told whether every field parses and keeps the rules, each time that changes. */
  onValidityChange: (valid: boolean) => void;
  training: TrainerState['training'];
  /** The start or control request under way, if any. */
  requests: RequestsInFlight;
  backend: BackendInfo | null;
  /** The loaded images and the GPU's limits, for the rules that depend on them. */
  context: ConfigContext;
  /** Worker ready, data loaded, no run active. */
  canTrain: boolean;
  /** Why Train is disabled, when it is. */
  waitingFor: string | null;
  onTrain: (config: TrainConfig) => void;
  onControl: (command: ControlCommand) => void;
  /** Shown under the buttons: the run's progress. */
  children?: ReactNode;
}

/** The run's settings (reference defaults, overridable from the URL) and Train/Pause/Resume/Stop. */
export function TrainingControls(props: TrainingControlsProps) {
  const { config, onConfigChange, training, requests, backend, canTrain, waitingFor } = props;
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(config));
  const errors = fieldErrors(drafts, config, props.context);
  const valid = Object.keys(errors).length === 0;
  const { onValidityChange } = props;
  useEffect(() => onValidityChange(valid), [valid, onValidityChange]);
  const busy = isTrainingBusy({ training, requests });
  const stopping = isStopping({ training, requests });
  const changed = new Set<string>(presetChanges(config));

  const setDraft = (field: NumericConfigField, text: string) => {
    const next = { ...drafts, [field]: text };
    setDrafts(next);
    const parsed = parseConfigNumber(field, text);
    if ('value' in parsed) onConfigChange({ ...config, [field]: parsed.value });
  };

  return (
    <section className="card" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <form
        className="config-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canTrain && valid) props.onTrain(config);
        }}
      >
        <fieldset disabled={busy}>
          <legend className="visually-hidden">Training settings</legend>
          <label className="field wide">
            <span>Model</span>
            <select
              value={config.model}
              onChange={(e) => {
                if (isModelName(e.target.value))
                  onConfigChange({ ...config, model: e.target.value });
              }}
            >
              {MODEL_NAMES.map((name) => (
                <option key={name} value={name}>
                  {MODEL_LABELS[name]}
                </option>
              ))}
            </select>
          </label>
          <PresetPicker
            config={config}
            onPick={(next) => {
              setDrafts(draftsOf(next));
              onConfigChange(next);
            }}
          />
          {FIELDS.map((field) => [
            <label key={field} className="field">
              <span>
                {CONFIG_RULES[field].label}
                {changed.has(field) && <ChangedMark />}
              </span>
              <input
                type="text"
                inputMode={CONFIG_RULES[field].integer ? 'numeric' : 'decimal'}
                value={drafts[field]}
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? `${field}-error` : undefined}
                onChange={(e) => setDraft(field, e.target.value)}
              />
              {errors[field] && (
                <span className="field-error" id={`${field}-error`}>
                  {errors[field]}
                </span>
              )}
            </label>,
            field === 'learningRate' && (
              <label key="schedule" className="field">
                <span>
                  Schedule
                  {changed.has('schedule') && <ChangedMark />}
                </span>
                <select
                  value={config.schedule}
                  onChange={(e) => {
                    if (isLrSchedule(e.target.value))
                      onConfigChange({ ...config, schedule: e.target.value });
                  }}
                >
                  {LR_SCHEDULES.map((name) => (
                    <option key={name} value={name}>
                      {SCHEDULE_LABELS[name]}
                    </option>
                  ))}
                </select>
              </label>
            ),
          ])}
          {(['flips', 'shifts'] as const).map((flag) => (
            <label key={flag} className="field checkbox">
              <input
                type="checkbox"
                checked={config[flag]}
                onChange={(e) => onConfigChange({ ...config, [flag]: e.target.checked })}
              />
              <span>
                {FLAG_LABELS[flag]}
                {changed.has(flag) && <ChangedMark />}
              </span>
            </label>
          ))}
        </fieldset>

        {config.model === 'alexnet' && isSlowBackend(backend) && (
          <div className="warning" role="note">
            <p>
              Full AlexNet resizes every image to 224x224 and has 46.8 million parameters. On this{' '}
              {backend?.isSoftware ? 'software' : 'fallback'} backend it is far too slow to finish:
              a single training step can take minutes, an epoch days. The mini model shows the same
              ideas in minutes.
            </p>
            <button
              type="button"
              disabled={busy}
              onClick={() => onConfigChange({ ...config, model: 'alexnet-mini' })}
            >
              Use alexnet-mini
            </button>
          </div>
        )}

        <RunButtons
          training={training}
          requests={requests}
          stopping={stopping}
          canSubmit={canTrain && valid}
          onControl={props.onControl}
        />
        {requests.starting && <p className="muted">Starting the run…</p>}
        {!canTrain && !busy && waitingFor && <p className="muted">{waitingFor}</p>}
        {stopping && <p className="muted">Stopping after the current step…</p>}
        {training.error && (
          <p className="error-text" role="alert">
            {training.error}
          </p>
        )}
      </form>
      {props.children}
    </section>
  );
}
