import { describe, expect, it } from 'vitest';
import { ProgressPrinter } from './progressPrinter';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('ProgressPrinter', () => {
  it('rewrites one line in place on a terminal and clears it before a lasting line', () => {
    const out = stream(true);
    const printer = new ProgressPrinter(out);
    printer.progress('a');
    printer.progress('b');
    printer.log('epoch 1');
    expect(out.written).toEqual(['\r\x1b[2Ka', '\r\x1b[2Kb', '\r\x1b[2K', 'epoch 1\n']);
  });

  it('prints plain progress lines at most once per interval elsewhere', () => {
    const out = stream(false);
    let now = 0;
    const printer = new ProgressPrinter(out, 5000, () => now);
    printer.progress('first');
    now = 4000;
    printer.progress('dropped');
    now = 5000;
    printer.progress('second');
    printer.log('epoch 1');
    expect(out.written).toEqual(['first\n', 'second\n', 'epoch 1\n']);
  });
});
