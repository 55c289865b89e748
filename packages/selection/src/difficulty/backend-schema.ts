import type { BackendV1 } from '@s1/budget-forcing';
import { z } from 'zod';

/** Checks that a value looks like a budget-forcing backend (spec v1). */
export const backendSchema = z.custom<BackendV1>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as BackendV1).specificationVersion === 'v1' &&
    typeof (value as BackendV1).modelId === 'string',
  'backend must be a @s1/budget-forcing backend (createOpenAICompatibleBackend, …)',
);
