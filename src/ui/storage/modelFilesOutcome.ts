// What the model-files panel says after Load model: the files that made the model, and any chosen
// file the model did not use, so "Loaded" never names a file that played no part.

/** `chosen`: every file the user picked or dropped; `used`: the worker's answer (model.json first). */
export function loadedOutcome(chosen: readonly string[], used: readonly string[]): string {
  const unused = [...chosen];
  for (const name of used) {
    const i = unused.indexOf(name);
    if (i >= 0) unused.splice(i, 1);
  }
  const loaded = `Loaded ${used.join(' + ')}.`;
  return unused.length === 0
    ? loaded
    : `${loaded} Not used: ${unused.join(', ')} (not part of this model).`;
}
