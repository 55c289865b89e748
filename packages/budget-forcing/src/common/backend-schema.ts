import { z } from 'zod';
import type { BackendV1 } from '../spec/backend-v1';

/**
 * Checks that an option is a backend of the spec v1, as every factory of this package makes one;
 * for the options schemas of packages that take a backend.
 */
export const backendSchema = z.custom<BackendV1>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as BackendV1).specificationVersion === 'v1' &&
    typeof (value as BackendV1).modelId === 'string',
  'backend must implement the backend spec v1 (specificationVersion: "v1"), as the backends of @s1/budget-forcing do (createOpenAICompatibleBackend, createOnnxRuntimeBackend, …)',
);
