import { z } from 'zod';

/** Sizes and seeds every sampler takes; other fields (functions) are left to the types. */
export const sampleSizeSchema = z.number().int().nonnegative();
export const seedSchema = z.number().int();

export const benchmarkPhaseSchema = z.object({
  after: z.number().int().nonnegative(),
  weights: z.record(z.string(), z.number().nonnegative().finite()),
});
