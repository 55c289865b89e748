export {
  createTransformersBackend,
  type TransformersBackendOptions,
} from './create-transformers-backend';
export type { TransformersModule } from './transformers-module';
