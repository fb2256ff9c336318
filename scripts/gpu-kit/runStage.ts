// Runs one stage as a child process within its time limit: its output goes to our stdout line by
// line, prefixed with the stage's name (run.sh copies it all into run.log). At the limit the child
// gets SIGINT (the trainer then stops after its step and writes its JSON), and SIGKILL if it is
// still there GRACE_MS later.

import { spawn } from 'node:child_process';

export interface StageRun {
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** True when the time limit was reached and the child had to be stopped. */
  timedOut: boolean;
  /** The last lines it printed, for the summary when it failed. */
  tail: string[];
  /** Set when the command could not be started at all (ENOENT, ...). */
  spawnError?: string;
}

const GRACE_MS = 15_000;
const TAIL_LINES = 30;

export function runStage(
  name: string,
  command: string,
  args: readonly string[],
  options: { seconds: number; env: NodeJS.ProcessEnv },
): Promise<StageRun> {
  const started = performance.now();
  const tail: string[] = [];
  const print = (line: string) => {
    console.log(`[${name}] ${line}`);
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let spawnError: string | undefined;
    const kill = setTimeout(() => {
      timedOut = true;
      print(`time limit of ${options.seconds} s reached: stopping`);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), GRACE_MS).unref();
    }, options.seconds * 1000);
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        // Progress lines rewritten in place (\r) count as lines of their own.
        const lines = (pending + chunk.toString()).split(/\r?\n|\r/);
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) print(line);
      });
      stream.on('end', () => {
        if (pending.trim()) print(pending);
      });
    }
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(kill);
      const seconds = (performance.now() - started) / 1000;
      resolve({
        exitCode,
        signal,
        seconds,
        timedOut,
        tail,
        ...(spawnError !== undefined && { spawnError }),
      });
    });
  });
}
