import { functionSchema } from '@s1/errors';
import { z } from 'zod';

/** Sizes and seeds every sampler takes. */
export const sampleSizeSchema = z.number().int().nonnegative();
export const seedSchema = z.number().int();

/** A sampler's function option (`domainOf`, `lengthOf`), checked to be a function. */
export const itemFunctionSchema = functionSchema<(item: never) => unknown>('a function of an item');

export const benchmarkPhaseSchema = z.strictObject({
  after: z.number().int().nonnegative(),
  weights: z.record(z.string(), z.number().nonnegative().finite()),
});
