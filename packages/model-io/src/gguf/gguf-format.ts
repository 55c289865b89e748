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

/** A tensor of a GGUF file, as its header describes it. */
export interface GgufTensorInfo {
  /** The tensor's name (`blk.0.attn_q.weight`, …). */
  name: string;
  /** Dimensions in ggml order: the fastest-varying first (numpy's shape reversed). */
  dims: number[];
  /**
   * The ggml type id: 0 (F32) or 1 (F16); with `tensorTypes: 'any'`, any type llama.cpp loads,
   * quantized ones included.
   */
  type: GgmlType;
  /** Offset from the start of the tensor data section. */
  offset: number;
  /** Bytes of the tensor's data. */
  byteLength: number;
}
