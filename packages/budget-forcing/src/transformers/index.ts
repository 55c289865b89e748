/**
 * The in-process backend on transformers.js (`@huggingface/transformers`, an optional peer).
 *
 * @module @s1/budget-forcing/transformers
 */
export {
  createTransformersBackend,
  type TransformersBackendOptions,
} from './create-transformers-backend';
export type { TransformersModule } from './transformers-module';
