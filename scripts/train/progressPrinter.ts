// Prints the trainer's progress: on a terminal one line rewritten in place, elsewhere (a log file,
// CI, the GPU kit) a plain line every few seconds, so logs stay readable and small.

export interface LineStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const CLEAR_LINE = '\r\x1b[2K';

export class ProgressPrinter {
  private showingProgress = false;
  private lastPlain = -Infinity;

  constructor(
    private readonly stream: LineStream,
    private readonly plainIntervalMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A progress line: in place on a TTY, else printed when `plainIntervalMs` has passed. */
  progress(line: string): void {
    if (this.stream.isTTY) {
      this.stream.write(CLEAR_LINE + line);
      this.showingProgress = true;
      return;
    }
    const now = this.now();
    if (now - this.lastPlain < this.plainIntervalMs) return;
    this.lastPlain = now;
    this.stream.write(line + '\n');
  }

  /** A line that stays (epoch results, messages); clears an in-place progress line first. */
  log(line: string): void {
    if (this.showingProgress) {
      this.stream.write(CLEAR_LINE);
      this.showingProgress = false;
    }
    this.stream.write(line + '\n');
  }
}
