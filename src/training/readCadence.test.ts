import { describe, expect, it } from 'vitest';
import { MAX_STEPS_BETWEEN_READS, ReadCadence } from './readCadence';

/** Runs `steps` steps of `msPerStep` each, returning the steps after which a read was due. */
function simulate(msPerStep: number, steps: number): number[] {
  const cadence = new ReadCadence();
  const reads: number[] = [];
  let now = 0;
  for (let step = 0; step < steps; step++) {
    cadence.stepStarting(now);
    now += msPerStep;
    cadence.stepDone();
    if (cadence.readDue(step === steps - 1)) {
      reads.push(step);
      cadence.readDone(now);
    }
  }
  return reads;
}

describe('ReadCadence', () => {
  it('reads every step when steps are slower than the half-second target', () => {
    expect(simulate(2000, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads every step from about 1/3 s a step, where 500 / step time rounds to 1', () => {
    expect(simulate(340, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(simulate(320, 5)).toEqual([0, 2, 4]);
  });

  it('groups fast steps to about one read per half second', () => {
    // The first step is read alone (nothing is known yet), then every 500 / 100 = 5 steps.
    expect(simulate(100, 12)).toEqual([0, 5, 10, 11]);
  });

  it('never lets more than 20 steps go unread, and always reads the last step', () => {
    const reads = simulate(1, 50);
    expect(reads).toEqual([0, 20, 40, 49]);
    expect(MAX_STEPS_BETWEEN_READS).toBe(20);
  });
});
