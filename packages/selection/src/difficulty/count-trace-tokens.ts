import { availableParallelism } from 'node:os';
import { loadTokenizer } from '@s1/chat-template';
import { functionSchema, validate, workerPoolOptions } from '@s1/errors';
import Tinypool from 'tinypool';
import { z } from 'zod';
import { traceLength } from './trace-length';
import type { TraceTokensTask } from './trace-tokens-worker';

/** Options of {@link countTraceTokens}. */
export interface CountTraceTokensOptions {
  /** The tokenizer's folder (`tokenizer.json`, `tokenizer_config.json`); each worker loads it. */
  tokenizer: string;
  /** Worker threads; 1 counts in this thread. @default the available cores, at most 8 and one per 256 traces */
  workers?: number | undefined;
  /** Traces per task sent to a worker. @default 16 */
  chunkSize?: number | undefined;
  /** Called as chunks finish, with the traces counted so far. */
  onProgress?: ((done: number) => void) | undefined;
}

// Each worker loads the tokenizer first, which takes as long as counting a hundred or so traces:
// a worker is started only for this many.
const tracesPerWorker = 256;

const positiveInteger = z.int().positive();
const optionsSchema = z.strictObject({
  tokenizer: z.string().min(1, 'tokenizer must be the folder of tokenizer.json'),
  workers: positiveInteger.optional(),
  chunkSize: positiveInteger.optional(),
  onProgress: functionSchema<(done: number) => void>().optional(),
});

/**
 * The length in tokens of each trace (`traceLength`), in input order: in worker threads for a
 * large pool, since tokenizing is most of a selection's time and each trace is independent.
 *
 * @example
 * await countTraceTokens(traces, { tokenizer: './Qwen2.5-32B-Instruct' }); // [4231, 1877, …]
 */
export async function countTraceTokens(
  traces: readonly string[],
  options: CountTraceTokensOptions,
): Promise<number[]> {
  validate(optionsSchema, options, 'countTraceTokens options');
  const { tokenizer: tokenizerFolder, chunkSize = 16, onProgress } = options;
  // This thread only waits on the workers meanwhile, so they may take every core.
  const threads =
    options.workers ??
    Math.max(1, Math.min(8, availableParallelism(), Math.floor(traces.length / tracesPerWorker)));
  const counts = new Array<number>(traces.length);
  if (traces.length === 0) return counts;
  let done = 0;
  const countChunk = async (
    start: number,
    count: (task: TraceTokensTask) => Promise<number[]>,
  ): Promise<void> => {
    const chunk = traces.slice(start, start + chunkSize);
    const chunkCounts = await count({ tokenizerFolder, traces: chunk });
    for (const [index, tokens] of chunkCounts.entries()) counts[start + index] = tokens;
    done += chunk.length;
    onProgress?.(done);
  };
  const chunks = Math.ceil(traces.length / chunkSize);
  const starts = Array.from({ length: chunks }, (_, chunk) => chunk * chunkSize);

  if (threads <= 1) {
    // Loaded for this call only: a tokenizer kept in this thread would hold its memory for good.
    const tokenizer = await loadTokenizer(tokenizerFolder);
    for (const start of starts) {
      await countChunk(start, async (task) => task.traces.map((t) => traceLength(t, tokenizer)));
      // Back to the event loop between chunks, so that a progress bar can redraw.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return counts;
  }
  const pool = new Tinypool(workerPoolOptions('trace-tokens-worker', import.meta.url, threads));
  try {
    await Promise.all(starts.map((start) => countChunk(start, (task) => pool.run(task))));
    return counts;
  } catch (error) {
    // An error crosses from a worker as a plain Error; loading the tokenizer here throws a
    // missing or broken tokenizer's error with its own type, as counting in this thread would.
    await loadTokenizer(tokenizerFolder);
    throw error;
  } finally {
    await pool.destroy();
  }
}
