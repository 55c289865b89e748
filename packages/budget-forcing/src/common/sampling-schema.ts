import type { StrictSchema } from '@s1/errors';
import { z } from 'zod';

const samplingShape = {
  /** 0 means greedy. @default 0 */
  temperature: z.number().nonnegative().optional(),
  /**
   * Nucleus sampling: draw from the smallest set of tokens whose probability reaches it. @default 1
   */
  topP: z.number().gt(0).lte(1).optional(),
  /** Seed of the sampler, for reproducible draws where the backend supports them. */
  seed: z.number().int().optional(),
};

/** Checks a `Sampling` of the backend spec. */
export const samplingSchema: StrictSchema<typeof samplingShape> = z.strictObject(samplingShape);
