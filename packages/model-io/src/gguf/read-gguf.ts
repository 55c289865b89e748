import { type FileHandle, open } from 'node:fs/promises';
import { ModelFormatError } from '../errors/model-format-error';
import { ggmlBlockLayouts } from './ggml-block-layouts';
import {
  defaultAlignment,
  type GgmlType,
  type GgufTensorInfo,
  GgufValueType,
  ggmlTypeBytes,
  ggufMagic,
} from './gguf-format';

/** What a GGUF header holds: its version, its metadata and where each tensor lies. */
export interface GgufHeader {
  /** The GGUF version, 2 or 3. */
  version: number;
  /** The key-value metadata (`general.architecture`, `tokenizer.ggml.tokens`, …). */
  metadata: Map<string, unknown>;
  /** The tensors, in file order. */
  tensors: GgufTensorInfo[];
  /** Where the tensor data section starts in the file. */
  dataOffset: number;
}

const limits = { entries: 1_000_000, stringBytes: 64 * 1024 * 1024, dims: 4 };
const valueSizes: Partial<Record<GgufValueType, number>> = {
  [GgufValueType.Uint8]: 1,
  [GgufValueType.Int8]: 1,
  [GgufValueType.Uint16]: 2,
  [GgufValueType.Int16]: 2,
  [GgufValueType.Uint32]: 4,
  [GgufValueType.Int32]: 4,
  [GgufValueType.Float32]: 4,
  [GgufValueType.Bool]: 1,
  [GgufValueType.Uint64]: 8,
  [GgufValueType.Int64]: 8,
  [GgufValueType.Float64]: 8,
};

/** Options of {@link readGgufHeader}. */
export interface ReadGgufHeaderOptions {
  /**
   * `float` (default): only F32 and F16 tensors, as this package writes and reads them; `any`:
   * every tensor type llama.cpp loads, quantized ones included (a check before handing a file
   * to llama.cpp, which may spend minutes and gigabytes on a damaged one before it fails).
   */
  tensorTypes?: 'float' | 'any' | undefined;
}

/**
 * Reads and checks the header of a GGUF file (v2 or v3) without loading its tensors: every count,
 * string and array is checked against what is left of the file before it is read, every tensor
 * has 1–4 non-zero dimensions, and its data lies inside the file without overlapping another's.
 * Fails with a `ModelFormatError` naming the file and what is wrong.
 */
export async function readGgufHeader(
  path: string,
  { tensorTypes = 'float' }: ReadGgufHeaderOptions = {},
): Promise<GgufHeader> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const fail = (reason: string) => new ModelFormatError({ file: path, format: 'GGUF', reason });
    const cursor = await createCursor(handle, size, fail);
    if (cursor.u32() !== ggufMagic) throw fail('it does not start with the GGUF magic');
    const version = cursor.u32();
    if (version !== 2 && version !== 3) throw fail(`version ${version} is not supported (2 or 3)`);
    const tensorCount = cursor.count('tensor count');
    const metadataCount = cursor.count('metadata count');
    const metadata = new Map<string, unknown>();
    for (let index = 0; index < metadataCount; index++) {
      const key = cursor.string();
      metadata.set(key, cursor.value(cursor.u32(), key));
    }
    const tensors: GgufTensorInfo[] = [];
    for (let index = 0; index < tensorCount; index++) {
      const name = cursor.string();
      const dimCount = cursor.u32();
      if (dimCount < 1 || dimCount > limits.dims)
        throw fail(`tensor "${name}" has ${dimCount} dimensions`);
      const dims = Array.from({ length: dimCount }, () => cursor.count(`dimension of "${name}"`));
      if (dims.includes(0)) throw fail(`tensor "${name}" has a dimension of 0`);
      const type = cursor.u32() as GgmlType;
      const layout = ggmlBlockLayouts.get(type);
      if (tensorTypes === 'float' ? !(type in ggmlTypeBytes) : layout === undefined) {
        throw fail(
          `tensor "${name}" has ggml type ${type}; ${tensorTypes === 'float' ? 'only F32 and F16 are supported' : 'llama.cpp knows no such type'}`,
        );
      }
      const { blockSize, bytesPerBlock } = layout as { blockSize: number; bytesPerBlock: number };
      if ((dims[0] as number) % blockSize !== 0) {
        throw fail(
          `tensor "${name}" has rows of ${dims[0]} values, not a whole number of ${blockSize}-value blocks of its type`,
        );
      }
      const offset = Number(cursor.u64());
      const values = dims.reduce((count, dim) => count * dim, 1);
      tensors.push({ name, dims, type, offset, byteLength: (values / blockSize) * bytesPerBlock });
    }
    const alignment = Number(metadata.get('general.alignment') ?? defaultAlignment);
    if (!Number.isInteger(alignment) || alignment <= 0) {
      throw fail(`general.alignment is ${String(metadata.get('general.alignment'))}`);
    }
    const dataOffset = Math.ceil(cursor.position() / alignment) * alignment;
    const byOffset = [...tensors].sort((a, b) => a.offset - b.offset);
    byOffset.forEach((tensor, index) => {
      const next = byOffset[index + 1];
      if (next !== undefined && tensor.offset + tensor.byteLength > next.offset) {
        throw fail(`tensors "${tensor.name}" and "${next.name}" overlap`);
      }
    });
    for (const tensor of tensors) {
      if (tensor.offset % alignment !== 0)
        throw fail(`tensor "${tensor.name}" is not aligned to ${alignment} bytes`);
      if (dataOffset + tensor.offset + tensor.byteLength > size) {
        throw fail(
          `tensor "${tensor.name}" ends at byte ${dataOffset + tensor.offset + tensor.byteLength} of a ${size}-byte file (truncated)`,
        );
      }
    }
    return { version, metadata, tensors, dataOffset };
  } finally {
    await handle.close();
  }
}

// The header of a GGUF file holds no tensor data and is read whole; one past 64 MB is refused.
const maxHeaderBytes = 64 * 1024 * 1024;

async function createCursor(handle: FileHandle, size: number, fail: (reason: string) => Error) {
  const window = Buffer.alloc(Math.min(size, maxHeaderBytes));
  await handle.read(window, 0, window.length, 0);
  let position = 0;
  const take = (bytes: number) => {
    if (position + bytes > size)
      throw fail(`it ends inside its header at byte ${size} (truncated)`);
    if (position + bytes > window.length) throw fail('its header is larger than 64 MB');
    const offset = position;
    position += bytes;
    return offset;
  };
  const cursor = {
    position: () => position,
    u32: () => window.readUInt32LE(take(4)),
    u64: () => window.readBigUInt64LE(take(8)),
    count(what: string) {
      const value = cursor.u64();
      if (value > BigInt(limits.entries * 1000)) throw fail(`${what} ${value} is implausible`);
      return Number(value);
    },
    string() {
      const length = cursor.u64();
      if (length > BigInt(limits.stringBytes))
        throw fail(`a string of ${length} bytes is longer than allowed`);
      const offset = take(Number(length));
      return window.toString('utf8', offset, offset + Number(length));
    },
    value(type: GgufValueType, key: string): unknown {
      switch (type) {
        case GgufValueType.String:
          return cursor.string();
        case GgufValueType.Array: {
          const elementType = cursor.u32() as GgufValueType;
          const count = cursor.count(`array length of "${key}"`);
          const elementSize = elementType === GgufValueType.String ? 8 : valueSizes[elementType];
          if (elementSize === undefined)
            throw fail(`"${key}" is an array of unknown type ${elementType}`);
          if (count * elementSize > size - cursor.position()) {
            throw fail(`"${key}" claims ${count} elements, more than the file holds (truncated)`);
          }
          return Array.from({ length: count }, () => cursor.value(elementType, key));
        }
        case GgufValueType.Uint8:
          return window.readUInt8(take(1));
        case GgufValueType.Int8:
          return window.readInt8(take(1));
        case GgufValueType.Uint16:
          return window.readUInt16LE(take(2));
        case GgufValueType.Int16:
          return window.readInt16LE(take(2));
        case GgufValueType.Uint32:
          return window.readUInt32LE(take(4));
        case GgufValueType.Int32:
          return window.readInt32LE(take(4));
        case GgufValueType.Float32:
          return window.readFloatLE(take(4));
        case GgufValueType.Bool:
          return window.readUInt8(take(1)) !== 0;
        case GgufValueType.Uint64:
          return window.readBigUInt64LE(take(8));
        case GgufValueType.Int64:
          return window.readBigInt64LE(take(8));
        case GgufValueType.Float64:
          return window.readDoubleLE(take(8));
        default:
          throw fail(`"${key}" has unknown value type ${type}`);
      }
    },
  };
  return cursor;
}
