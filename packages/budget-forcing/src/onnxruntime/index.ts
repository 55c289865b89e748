export {
  createOnnxRuntimeBackend,
  type OnnxRuntimeBackendOptions,
} from './create-onnxruntime-backend';
export type { BatchRequest } from './generate-batch';
export type { OrtModule, OrtSession, OrtTensor } from './ort-module';
