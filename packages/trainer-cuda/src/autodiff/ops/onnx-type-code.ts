import type { ElementType } from '@s1/model-io';

/** ONNX's TensorProto.DataType codes, as the `to` attribute of Cast and `dtype` attributes take them. */
export const onnxTypeCode: Record<ElementType, number> = {
  float32: 1,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
  bfloat16: 16,
};
