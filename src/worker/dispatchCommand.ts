// The worker's dispatcher: one handler per command of the table (src/protocol/commands.ts). The
// handler map's type lists every command, so a command added to the table and not handled here is
// a type error, and so is a handler given the wrong command's fields.

import type { CommandMessage, CommandName, WorkerCommand } from '../protocol';

/** A handler answers its command (or fails it) by posting events with the command's id. */
export type CommandHandlers = {
  readonly [K in CommandName]: (cmd: CommandMessage<K>) => Promise<void> | void;
};

/** Runs `cmd`'s handler; resolves when it is done (`train`'s when its run has ended). */
export async function dispatchCommand(
  handlers: CommandHandlers,
  cmd: WorkerCommand,
): Promise<void> {
  // TypeScript cannot relate `handlers[cmd.type]` to `cmd` (a correlated union): the map's type
  // above is what guarantees each handler gets its own command.
  const handler = handlers[cmd.type] as (cmd: WorkerCommand) => Promise<void> | void;
  await handler(cmd);
}
