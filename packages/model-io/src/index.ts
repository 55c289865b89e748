export {
  checkArchitecture,
  type Qwen2Architecture,
  qwen2ArchitectureFromConfig,
  qwen2HuggingFaceConfig,
} from './config/qwen2-architecture';
export {
  InvalidConfigError,
  ModelFormatError,
  UnsupportedArchitectureError,
} from './errors/model-format-error';
export type { GgufTensorInfo } from './gguf/gguf-format';
export { type GgufHeader, type ReadGgufHeaderOptions, readGgufHeader } from './gguf/read-gguf';
export {
  type AttributeValue,
  createGraphBuilder,
  type Dimension,
  type ElementType,
  type GraphBuilder,
  type TensorData,
} from './onnx/graph-builder';
export {
  serializeOnnxModel,
  type WriteOnnxOptions,
  writeOnnxModel,
} from './onnx/write-onnx-model';
export {
  createTinyQwen2,
  type TinyQwen2,
  type TinyQwen2Options,
} from './qwen2/create-tiny-qwen2';
export { exportQwen2Onnx } from './qwen2/export-qwen2-onnx';
export {
  checkQwen2Weights,
  type Qwen2Weights,
  qwen2TensorSpecs,
  type TensorSpec,
  transpose,
} from './qwen2/qwen2-weights';
export { type WriteModelFolderOptions, writeModelFolder } from './qwen2/write-hugging-face-folder';
export { type WriteQwen2GgufOptions, writeQwen2Gguf } from './qwen2/write-qwen2-gguf';
export {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
} from './safetensors/half-precision';
export { openSafetensors, type SafetensorsFile } from './safetensors/read-safetensors';
export type { SafetensorsDtype, TensorInfo } from './safetensors/safetensors-format';
export { type TensorToWrite, writeSafetensors } from './safetensors/write-safetensors';
export {
  type ByteTokenizerOptions,
  createByteTokenizer,
} from './tokenizer/create-byte-tokenizer';
export { readTokenizerFiles, type TokenizerFiles } from './tokenizer/tokenizer-files';
