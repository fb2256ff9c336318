import { describe, expect, it } from 'vitest';
import { BENCHMARK_RUNNING, SETTINGS_INVALID, trainingGate } from './trainingGate';
import { config, loaded, running, view } from './testing/trainerFixtures';
import { initialTrainerState } from './trainerState';

const page = { benchmarking: false, settingsValid: true };

describe('trainingGate', () => {
  it('opens every door when the worker is ready, the data loaded, and nothing else holds it', () => {
    const gate = trainingGate(view(loaded), page);
    expect(gate).toMatchObject({
      canTrain: true,
      trainBlock: null,
      canTrainFromLoaded: true,
      trainFromLoadedBlock: null,
    });
  });

  it('holds every run back while a GPU benchmark runs, saying why', () => {
    const gate = trainingGate(view(loaded), { ...page, benchmarking: true });
    expect(gate).toMatchObject({
      canTrain: false,
      trainBlock: BENCHMARK_RUNNING,
      canTrainFromLoaded: false,
      trainFromLoadedBlock: BENCHMARK_RUNNING,
      canResume: false,
      resumeBlock: BENCHMARK_RUNNING,
    });
  });

  it('holds a run from loaded weights back while the form has errors, but not Train itself', () => {
    const gate = trainingGate(view(loaded), { ...page, settingsValid: false });
    expect(gate.canTrainFromLoaded).toBe(false);
    expect(gate.trainFromLoadedBlock).toBe(SETTINGS_INVALID);
    // Train is a button of the form, which disables it with the field's own message.
    expect(gate.canTrain).toBe(true);
  });

  it("says why Train waits for the worker or the data before the page's own reasons", () => {
    const starting = trainingGate(view(initialTrainerState), { ...page, benchmarking: true });
    expect(starting.canTrain).toBe(false);
    expect(starting.trainBlock).toBe('Waiting for the training worker to pick a backend…');
  });

  it('opens no door while a run trains', () => {
    const gate = trainingGate(view(running), page);
    expect([gate.canTrain, gate.canTrainFromLoaded, gate.canResume]).toEqual([false, false, false]);
    expect(trainingGate(view(loaded, { starting: config }), page).canTrain).toBe(false);
  });
});
