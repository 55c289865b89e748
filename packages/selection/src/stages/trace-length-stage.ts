import type { Tokenizer } from '@s1/chat-template';
import { objectSchema, validate } from '@s1/errors';
import { z } from 'zod';
import { countTraceTokens } from '../difficulty/count-trace-tokens';
import { traceLength } from '../difficulty/trace-length';
import type { DroppedItem, SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem } from '../pool-record';

/** Options of {@link traceLengthStage}. */
export interface TraceLengthStageOptions {
  /**
   * The tokenizer, or its folder. From a folder, it is loaded only when there are traces to
   * count, and a large pool is counted in worker threads (`countTraceTokens`).
   */
  tokenizer: Tokenizer | string;
  /** Worker threads, for a folder. @default the available cores, at most 8 and one per 256 traces */
  workers?: number | undefined;
  /**
   * Whether to count. A sampler that does not rank by length (`ranksByLength`) needs only to
   * know that a trace is there, and counting is most of a selection's time. @default true
   */
  count?: boolean | undefined;
}

const traceLengthStageOptionsSchema = z.strictObject({
  tokenizer: z.union([z.string().min(1), objectSchema<Tokenizer>('a tokenizer or its folder')]),
  workers: z.number().int().positive().optional(),
  count: z.boolean().optional(),
});

type CountLengths = (traces: string[], onProgress: (done: number) => void) => Promise<number[]>;

/**
 * Measures each trace in tokens (feature `traceLength`, as s1's `gemini_length` in
 * `data/featurization.py`, github.com/simplescaling/s1); records without a trace
 * are dropped.
 *
 * @example
 * traceLengthStage({ tokenizer: './Qwen2.5-32B-Instruct' });
 */
export function traceLengthStage<Row>(options: TraceLengthStageOptions): SelectionStage<Row> {
  validate(traceLengthStageOptionsSchema, options, 'traceLengthStage options');
  const { tokenizer, workers, count = true } = options;
  const countLengths: CountLengths =
    typeof tokenizer === 'string'
      ? (traces, onProgress) => countTraceTokens(traces, { tokenizer, workers, onProgress })
      : async (traces, onProgress) =>
          traces.map((trace, index) => {
            onProgress(index + 1);
            return traceLength(trace, tokenizer);
          });
  return {
    name: 'trace length',
    async run(items, { accessors, onProgress }) {
      const kept: PoolItem<Row>[] = [];
      const dropped: DroppedItem<Row>[] = [];
      const traces: string[] = [];
      for (const item of items) {
        const trace = accessors.trace(item.row);
        if (trace === undefined) dropped.push({ item, reason: 'missing feature: traceLength' });
        else {
          kept.push(item);
          traces.push(trace);
        }
      }
      if (!count || traces.length === 0) return { kept, dropped };
      const lengths = await countLengths(traces, (done) => onProgress?.(done, traces.length));
      return {
        kept: kept.map((item, index) => ({
          ...item,
          features: { ...item.features, traceLength: lengths[index] },
        })),
        dropped,
      };
    },
  };
}
