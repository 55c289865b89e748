import type { StrictSchema } from '@s1/errors';
import { z } from 'zod';

const samplingShape = {
  /** 0 means greedy. @default 0 */
  temperature: z.number().nonnegative().optional(),
  /** @default 1 */
  topP: z.number().gt(0).lte(1).optional(),
  seed: z.number().int().optional(),
};

/** Checks a `Sampling` of the backend spec. */
export const samplingSchema: StrictSchema<typeof samplingShape> = z.strictObject(samplingShape);
