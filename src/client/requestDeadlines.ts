// What the page says when a request's deadline passed. The deadlines themselves, and each
// command's name in these sentences, are in the command table (src/protocol/commands.ts).

import { COMMANDS, type CommandName } from '../protocol';

export type Deadlines = Readonly<Record<CommandName, number>>;

/** Each command's deadline, as the table gives it. */
export const REQUEST_DEADLINES_MS: Deadlines = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, spec]) => [name, spec.deadlineMs]),
) as Record<CommandName, number>;

const duration = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`;

/** The sentence shown when `command`'s deadline passed; `busy` when the worker is known to be alive. */
export function timeoutMessage(command: CommandName, busy: boolean): string {
  const why = busy
    ? ' It is still running, probably busy with a long training step: try again once it answers.'
    : '';
  const { what, deadlineMs } = COMMANDS[command];
  return `The training worker did not answer ${what} within ${duration(deadlineMs)}.${why}`;
}
