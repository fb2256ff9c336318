/** Shown when the worker died or cannot go on: what happened, and a way to start over. */
export function WorkerFailure({ message, onRestart }: { message: string; onRestart: () => void }) {
  return (
    <div className="error-box banner" role="alert">
      <p>
        <strong>The training worker stopped.</strong> {message} Restarting loads the data again; the
        weights trained so far are lost.
      </p>
      <button type="button" onClick={onRestart}>
        Restart worker
      </button>
    </div>
  );
}
