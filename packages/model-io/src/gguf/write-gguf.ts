import { InvalidConfigError } from '../errors/model-format-error';
import { float32ToFloat16 } from '../safetensors/half-precision';
import { writeFileThroughHandle } from '../write-file-through-handle';
import {
  defaultAlignment,
  GgmlType,
  type GgufValue,
  GgufValueType,
  ggmlTypeBytes,
  ggufMagic,
  ggufVersion,
} from './gguf-format';

export interface GgufTensorToWrite {
  name: string;
  /** The shape in numpy order ([rows, columns]); written reversed, as ggml expects. */
  shape: readonly number[];
  data: Float32Array;
  type: GgmlType;
}

const encoder = new TextEncoder();

/** Grows a byte buffer as values are appended (little-endian). */
function createByteWriter() {
  let buffer = new Uint8Array(1 << 16);
  let view = new DataView(buffer.buffer);
  let length = 0;
  const reserve = (bytes: number) => {
    if (length + bytes <= buffer.length) return;
    let size = buffer.length;
    while (size < length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(buffer.subarray(0, length));
    buffer = grown;
    view = new DataView(buffer.buffer);
  };
  const writer = {
    u32(value: number) {
      reserve(4);
      view.setUint32(length, value, true);
      length += 4;
    },
    i32(value: number) {
      reserve(4);
      view.setInt32(length, value, true);
      length += 4;
    },
    f32(value: number) {
      reserve(4);
      view.setFloat32(length, value, true);
      length += 4;
    },
    u64(value: bigint | number) {
      reserve(8);
      view.setBigUint64(length, BigInt(value), true);
      length += 8;
    },
    u8(value: number) {
      reserve(1);
      view.setUint8(length, value);
      length += 1;
    },
    string(value: string) {
      const bytes = encoder.encode(value);
      writer.u64(bytes.length);
      reserve(bytes.length);
      buffer.set(bytes, length);
      length += bytes.length;
    },
    padTo(alignment: number) {
      const padding = (alignment - (length % alignment)) % alignment;
      reserve(padding);
      length += padding;
    },
    bytes: () => buffer.subarray(0, length),
  };
  return writer;
}

function writeValue(writer: ReturnType<typeof createByteWriter>, value: GgufValue) {
  writer.u32(value.type);
  switch (value.type) {
    case GgufValueType.String:
      return writer.string(value.value);
    case GgufValueType.Uint32:
      return writer.u32(value.value);
    case GgufValueType.Int32:
      return writer.i32(value.value);
    case GgufValueType.Float32:
      return writer.f32(value.value);
    case GgufValueType.Bool:
      return writer.u8(value.value ? 1 : 0);
    case GgufValueType.Uint64:
      return writer.u64(value.value);
    case GgufValueType.Array: {
      writer.u32(value.elementType);
      writer.u64(value.value.length);
      if (value.elementType === GgufValueType.String)
        for (const item of value.value) writer.string(item);
      else if (value.elementType === GgufValueType.Int32)
        for (const item of Array.from(value.value)) writer.i32(item);
      else for (const item of Array.from(value.value)) writer.f32(item);
    }
  }
}

/**
 * Writes a GGUF v3 file atomically: metadata, tensor infos, then each tensor's data aligned to
 * `general.alignment` (32). F16 tensors are converted from float32 with round-to-nearest-even.
 */
export async function writeGguf(
  path: string,
  metadata: ReadonlyMap<string, GgufValue>,
  tensors: readonly GgufTensorToWrite[],
): Promise<void> {
  const header = createByteWriter();
  header.u32(ggufMagic);
  header.u32(ggufVersion);
  header.u64(tensors.length);
  header.u64(metadata.size);
  for (const [key, value] of metadata) {
    header.string(key);
    writeValue(header, value);
  }
  let offset = 0;
  const payloads = tensors.map((tensor) => {
    const byteLength = tensor.data.length * ggmlTypeBytes[tensor.type];
    const expected =
      tensor.shape.reduce((count, dim) => count * dim, 1) * ggmlTypeBytes[tensor.type];
    if (byteLength !== expected)
      throw new InvalidConfigError({
        source: `tensor "${tensor.name}"`,
        issues: [`shape [${tensor.shape}] needs ${expected} bytes, the data has ${byteLength}`],
      });
    header.string(tensor.name);
    header.u32(tensor.shape.length);
    for (const dim of [...tensor.shape].reverse()) header.u64(dim);
    header.u32(tensor.type);
    header.u64(offset);
    const start = offset;
    offset += byteLength;
    offset += (defaultAlignment - (offset % defaultAlignment)) % defaultAlignment;
    return { tensor, start };
  });
  header.padTo(defaultAlignment);

  await writeFileThroughHandle(path, async (handle) => {
    const headerBytes = header.bytes();
    await handle.write(headerBytes);
    // F16 tensors are converted one at a time, as each is written.
    for (const { tensor, start } of payloads) {
      const data = tensor.type === GgmlType.F16 ? float32ToFloat16(tensor.data) : tensor.data;
      const payload = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      await handle.write(payload, 0, payload.byteLength, headerBytes.byteLength + start);
    }
    // The last tensor's padding: the file ends on the alignment, as llama.cpp writes it.
    await handle.truncate(headerBytes.byteLength + offset);
  });
}
