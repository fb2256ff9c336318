import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG, type WorkerCommand, type WorkerEvent } from '../protocol';
import { routeMessage } from './routeMessage';

async function route(data: unknown) {
  const handled: WorkerCommand[] = [];
  const posted: WorkerEvent[] = [];
  await routeMessage(
    data,
    (cmd) => {
      handled.push(cmd);
      return Promise.resolve();
    },
    (event) => posted.push(event),
  );
  return { handled, posted };
}

describe('routeMessage', () => {
  it('refuses commands whose fields the page would never send, naming the rule', async () => {
    const refused = [
      [
        { type: 'setCheckpointMode', id: 1, mode: 'everything' },
        'mode must be one of full, weights, off',
      ],
      [{ type: 'train', id: 2, config: { ...REFERENCE_CONFIG, epochs: 0 } }, 'Epochs'],
      [{ type: 'train', id: 3, config: 'fast' }, 'its config is not an object'],
      [{ type: 'init', id: 4, kernels: 'fastest' }, 'kernels must be one of own, stock'],
      [{ type: 'renameRun', id: 5, runId: 'a', name: 7 }, 'name is not a string'],
      [{ type: 'predict', id: 6, pixels: [0, 1] }, 'pixels is not a Float32Array'],
    ] as const;
    for (const [command, reason] of refused) {
      const { handled, posted } = await route(command);
      expect(handled).toEqual([]);
      expect(posted).toEqual([
        {
          type: 'error',
          scope: 'protocol',
          fatal: false,
          id: command.id,
          message: expect.stringContaining(reason) as string,
        },
      ]);
    }
  });

  it('hands the commands the page sends to the session', async () => {
    const commands = [
      { type: 'setCheckpointMode', id: 1, mode: 'weights' },
      { type: 'train', id: 2, config: REFERENCE_CONFIG },
      { type: 'init', id: 3 },
      { type: 'predict', id: 4, pixels: new Float32Array(784) },
    ];
    for (const command of commands) {
      expect(await route(command)).toEqual({ handled: [command], posted: [] });
    }
  });
});
