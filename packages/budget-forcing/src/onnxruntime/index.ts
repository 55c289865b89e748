export {
  createOnnxRuntimeBackend,
  type OnnxRuntimeBackendOptions,
} from './create-onnxruntime-backend';
export type { OrtModule, OrtSession, OrtTensor } from './ort-module';
