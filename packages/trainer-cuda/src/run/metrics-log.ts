import { appendFile, readFile } from 'node:fs/promises';
import { writeFileAtomically } from '@s1/errors';

/** One optimizer step, as `metrics.jsonl` records it. */
export interface StepMetrics {
  /** The step, from 1. */
  step: number;
  /** Its epoch, from 0. */
  epoch: number;
  /** The step's loss: cross-entropy averaged over its trained tokens. */
  loss: number;
  /** The learning rate of the step. */
  lr: number;
  /** The global gradient norm, before clipping. */
  gradNorm: number;
  /** Trained tokens (labels) of the step. */
  tokens: number;
  /** Seconds since the run (or its resumption) started, when the step's call finished. */
  elapsedSeconds: number;
}

/**
 * `metrics.jsonl`, one line per optimizer step, appended as steps finish. On resume it is cut back
 * to the checkpoint's step (steps after it will be taken again), dropping a line a crash tore.
 */
export function createMetricsLog(file: string) {
  return {
    async append(lines: readonly StepMetrics[]): Promise<void> {
      await appendFile(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    },
    async keepUpTo(step: number): Promise<StepMetrics[]> {
      const text = await readFile(file, 'utf8').catch(() => '');
      const kept = text
        .split('\n')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as StepMetrics];
          } catch {
            return [];
          }
        })
        .filter((line) => line.step <= step);
      await writeFileAtomically(file, kept.map((line) => `${JSON.stringify(line)}\n`).join(''));
      return kept;
    },
  };
}
