/**
 * The in-process backend on ONNX Runtime (onnxruntime-node, an optional peer), with batched
 * generation.
 *
 * @module @s1/budget-forcing/onnxruntime
 */
export {
  createOnnxRuntimeBackend,
  type OnnxRuntimeBackendOptions,
} from './create-onnxruntime-backend';
export type { BatchRequest } from './generate-batch';
export type { OrtModule, OrtSession, OrtTensor } from './ort-module';
