/** GGUF version 3 (llama.cpp's model format): value types, tensor types and defaults. */
export const ggufMagic = 0x46554747; // "GGUF" read as a little-endian u32
export const ggufVersion = 3;
export const defaultAlignment = 32;

export enum GgufValueType {
  Uint8 = 0,
  Int8 = 1,
  Uint16 = 2,
  Int16 = 3,
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
  Uint64 = 10,
  Int64 = 11,
  Float64 = 12,
}

export enum GgmlType {
  F32 = 0,
  F16 = 1,
}

export const ggmlTypeBytes: Record<GgmlType, number> = { [GgmlType.F32]: 4, [GgmlType.F16]: 2 };

/** llama.cpp's token types (tokenizer.ggml.token_type). */
export enum GgufTokenType {
  Normal = 1,
  Unknown = 2,
  Control = 3,
  UserDefined = 4,
  Unused = 5,
  Byte = 6,
}

/** A metadata value with its GGUF type. Arrays hold one element type. */
export type GgufValue =
  | { type: GgufValueType.String; value: string }
  | { type: GgufValueType.Uint32 | GgufValueType.Int32 | GgufValueType.Float32; value: number }
  | { type: GgufValueType.Bool; value: boolean }
  | { type: GgufValueType.Uint64; value: bigint }
  | { type: GgufValueType.Array; elementType: GgufValueType.String; value: readonly string[] }
  | {
      type: GgufValueType.Array;
      elementType: GgufValueType.Int32 | GgufValueType.Float32;
      value: ArrayLike<number>;
    };

export interface GgufTensorInfo {
  name: string;
  /** Dimensions in ggml order: the fastest-varying first (numpy's shape reversed). */
  dims: number[];
  type: GgmlType;
  /** Offset from the start of the tensor data section. */
  offset: number;
  byteLength: number;
}
