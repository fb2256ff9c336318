import { useEffect, useRef } from 'react';
import type { FocusEvent } from 'react';
import { isTrainingActive } from '../../client/trainerReducer';
import type { ControlCommand, RequestsInFlight, TrainerState } from '../../client/trainerReducer';

interface RunButtonsProps {
  training: TrainerState['training'];
  /** The start or control request under way, if any: its button waits for it. */
  requests: RequestsInFlight;
  /** Stop was pressed and the run has not ended yet. */
  stopping: boolean;
  /** Train may be pressed: worker ready, data loaded, no run, settings valid. */
  canSubmit: boolean;
  onControl: (command: ControlCommand) => void;
}

/**
 * Train (the form's submit button), Pause/Resume and Stop. While a request is on its way a button
 * is only aria-disabled, so it keeps the keyboard focus. Focus also follows the run: once a run
 * starts, focus on Train moves to Pause; when it ends, focus left on a button that became disabled
 * (Pause, Stop) moves back to Train. Without this it would fall to the page body.
 */
export function RunButtons({
  training,
  requests,
  stopping,
  canSubmit,
  onControl,
}: RunButtonsProps) {
  const { status } = training;
  const { starting, control } = requests;
  const active = isTrainingActive(status);
  const trainButton = useRef<HTMLButtonElement>(null);
  const pauseButton = useRef<HTMLButtonElement>(null);
  // Whether the focus was last in this row: a button being disabled blurs it with no new target.
  const focusInRow = useRef(false);

  useEffect(() => {
    const focused = document.activeElement;
    const lost =
      focused === null ||
      focused === document.body ||
      (focused instanceof HTMLButtonElement && focused.disabled);
    if (active && (focused === trainButton.current || (lost && focusInRow.current))) {
      pauseButton.current?.focus();
    } else if (!active && lost && focusInRow.current) {
      trainButton.current?.focus();
    }
  }, [active]);

  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) focusInRow.current = false;
  };

  return (
    <div
      className="button-row"
      onFocus={() => {
        focusInRow.current = true;
      }}
      onBlur={onBlur}
    >
      <button
        ref={trainButton}
        type="submit"
        className="primary"
        disabled={starting === null && !canSubmit}
        aria-disabled={starting !== null || undefined}
      >
        Train
      </button>
      {status === 'paused' ? (
        <button
          ref={pauseButton}
          type="button"
          aria-disabled={control !== null || undefined}
          onClick={() => control === null && onControl('resume')}
        >
          Resume
        </button>
      ) : (
        <button
          ref={pauseButton}
          type="button"
          disabled={status !== 'running'}
          aria-disabled={control !== null || undefined}
          onClick={() => control === null && onControl('pause')}
        >
          Pause
        </button>
      )}
      <button
        type="button"
        disabled={!active}
        aria-disabled={stopping || undefined}
        onClick={() => !stopping && onControl('stop')}
      >
        Stop
      </button>
    </div>
  );
}
