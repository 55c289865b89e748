import { functionSchema, validate } from '@s1/errors';
import pLimit from 'p-limit';
import { z } from 'zod';

/** Options of {@link sampleN}. */
export interface SampleNOptions<Result> {
  /** How many samples. */
  n: number;
  /** Samples running at once. @default 4 */
  concurrency?: number | undefined;
  /** Draws sample `index`. */
  run: (index: number) => Promise<Result>;
}

// Kept beside the interface, which carries the result type zod cannot; a test checks their keys.
export const sampleNOptionsSchema = z.strictObject({
  n: z.number().int().nonnegative(),
  concurrency: z.number().int().positive().optional(),
  run: functionSchema<(index: number) => Promise<unknown>>(),
});

/**
 * Runs `run(0)` … `run(n - 1)` with at most `concurrency` at a time and returns the results in
 * index order. Pass the index into the seed to make parallel samples distinct and reproducible.
 *
 * @example
 * const samples = await sampleN({ n: 8, concurrency: 4, run: (index) =>
 *   controller.generate({ messages, sampling: { temperature: 1, seed: 1000 + index } }) });
 */
export async function sampleN<Result>(options: SampleNOptions<Result>): Promise<Result[]> {
  validate(sampleNOptionsSchema, options, 'sampleN options');
  const limit = pLimit(options.concurrency ?? 4);
  return Promise.all(
    Array.from({ length: options.n }, (_, index) => limit(() => options.run(index))),
  );
}
