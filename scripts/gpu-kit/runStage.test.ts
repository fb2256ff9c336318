import { describe, expect, it, vi } from 'vitest';
import { runStage } from './runStage';

describe('runStage', () => {
  it('prefixes each output line, in-place progress too, and reports the exit', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const script = "process.stdout.write('a\\rb\\nc\\n'); console.error('oops'); process.exit(3)";
    const run = await runStage('demo', process.execPath, ['-e', script], {
      seconds: 30,
      env: process.env,
    });
    expect(log).toHaveBeenCalledWith('[demo] c');
    log.mockRestore();
    expect(run).toMatchObject({ exitCode: 3, timedOut: false });
    expect([...run.tail].sort()).toEqual(['a', 'b', 'c', 'oops']);
  });

  it('interrupts a stage at its limit and lets it finish cleanly', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // Prints once it is running, then exits 130 on SIGINT as the trainer does.
    const script =
      "process.on('SIGINT', () => { console.log('stopping'); process.exit(130); }); " +
      "console.log('up'); setInterval(() => {}, 1000);";
    const run = await runStage('slow', process.execPath, ['-e', script], {
      seconds: 1,
      env: process.env,
    });
    log.mockRestore();
    expect(run).toMatchObject({ exitCode: 130, timedOut: true });
    expect(run.tail).toContain('stopping');
    expect(run.seconds).toBeLessThan(10);
  });

  it('says when the command cannot be started', async () => {
    const run = await runStage('none', '/no/such/program', [], { seconds: 5, env: process.env });
    expect(run.spawnError).toMatch(/ENOENT/);
  });
});
