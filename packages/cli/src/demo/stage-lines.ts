import { SingleBar } from 'cli-progress';
import type { CliIO } from '../cli-io';

/** One stage of a run: a progress bar while it runs (on a terminal), then one line of outcome. */
export interface StageLine {
  progress(done: number, total: number, detail?: string): void;
  done(outcome: string): void;
}

/**
 * Stage lines for a run of several stages: each stage ends as one line on stdout
 * (`train    600 steps, loss 5.61 → 0.52 (24 s)`); while it runs, a terminal shows its progress bar
 * on stderr, cleared when the line is written. Piped output gets the lines alone.
 */
export function createStageLines(io: CliIO): (name: string) => StageLine {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  return (name) => {
    const label = name.padEnd(8);
    const started = Date.now();
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} {detail}`,
      clearOnComplete: true,
      stream: io.stderr as NodeJS.WritableStream,
    });
    return {
      progress(done, total, detail = '') {
        if (!terminal) return;
        if (!bar.isActive) bar.start(total, done, { detail });
        bar.setTotal(total);
        bar.update(done, { detail });
      },
      done(outcome) {
        if (bar.isActive) bar.stop();
        const seconds = (Date.now() - started) / 1000;
        io.stdout.write(`${label} ${outcome} (${seconds.toFixed(seconds < 10 ? 1 : 0)} s)\n`);
      },
    };
  };
}
