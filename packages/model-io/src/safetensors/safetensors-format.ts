/** The tensor element types the SDK reads and writes. */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'I64' | 'I32';

export const bytesPerElement: Record<SafetensorsDtype, number> = {
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
};

/** Where a tensor lies in a safetensors file, and what it holds. */
export interface TensorInfo {
  /** The tensor's name. */
  name: string;
  /** Its element type. */
  dtype: SafetensorsDtype;
  /** Its shape. */
  shape: number[];
  /** Offset of the first byte in the file. */
  byteOffset: number;
  /** Bytes of its data. */
  byteLength: number;
}

/** The header length prefix is a u64; a header larger than this is refused as corrupt. */
export const maxHeaderBytes = 100 * 1024 * 1024;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((count, size) => count * size, 1);
}
