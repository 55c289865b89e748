import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../errors/model-format-error';
import { ggmlBlockLayouts } from './ggml-block-layouts';
import { defaultAlignment, ggufMagic } from './gguf-format';
import { readGgufHeader } from './read-gguf';

interface TensorEntry {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}

// A GGUF v3 file with no metadata, the given tensor infos and `dataBytes` bytes of tensor data.
async function ggufFile(tensors: readonly TensorEntry[], dataBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  const u32 = (value: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    parts.push(bytes);
  };
  const u64 = (value: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(BigInt(value));
    parts.push(bytes);
  };
  u32(ggufMagic);
  u32(3);
  u64(tensors.length);
  u64(0);
  for (const tensor of tensors) {
    u64(Buffer.byteLength(tensor.name));
    parts.push(Buffer.from(tensor.name));
    u32(tensor.dims.length);
    for (const dim of tensor.dims) u64(dim);
    u32(tensor.type);
    u64(tensor.offset);
  }
  const header = Buffer.concat(parts);
  const padded = Math.ceil(header.length / defaultAlignment) * defaultAlignment;
  const file = Buffer.concat([header, Buffer.alloc(padded - header.length + dataBytes)]);
  const path = join(await mkdtemp(join(tmpdir(), 's1-gguf-')), 'model.gguf');
  await writeFile(path, file);
  return path;
}

const [f32, q4k] = [0, 12];

describe('readGgufHeader', () => {
  it('should read quantized tensors when asked for any type, with their byte lengths', async () => {
    const path = await ggufFile(
      [
        { name: 'a', dims: [512, 2], type: q4k, offset: 0 },
        { name: 'b', dims: [8], type: f32, offset: 576 },
      ],
      608,
    );
    const header = await readGgufHeader(path, { tensorTypes: 'any' });
    // Q4_K: 256 values in 144 bytes.
    expect(header.tensors.map(({ name, byteLength }) => [name, byteLength])).toEqual([
      ['a', 576],
      ['b', 32],
    ]);
    await expect(readGgufHeader(path)).rejects.toThrow(/only F32 and F16 are supported/);
  });

  it.each<[string, TensorEntry[], number, RegExp]>([
    ['a dimension of 0', [{ name: 'a', dims: [4, 0], type: f32, offset: 0 }], 64, /dimension of 0/],
    [
      'overlapping tensors',
      [
        { name: 'a', dims: [16], type: f32, offset: 0 },
        { name: 'b', dims: [16], type: f32, offset: 32 },
      ],
      128,
      /tensors "a" and "b" overlap/,
    ],
    ['an unknown type', [{ name: 'a', dims: [4], type: 99, offset: 0 }], 64, /no such type/],
    [
      'a row that is not whole blocks',
      [{ name: 'a', dims: [100], type: q4k, offset: 0 }],
      256,
      /not a whole number of 256-value blocks/,
    ],
    [
      'an implausible rank',
      [{ name: 'a', dims: [1, 1, 1, 1, 1], type: f32, offset: 0 }],
      64,
      /has 5 dimensions/,
    ],
    [
      'data past the end of the file',
      [{ name: 'a', dims: [1024], type: f32, offset: 0 }],
      64,
      /truncated/,
    ],
  ])('should refuse %s with a ModelFormatError', async (_name, tensors, dataBytes, message) => {
    const path = await ggufFile(tensors, dataBytes);
    const error = await readGgufHeader(path, { tensorTypes: 'any' }).catch((caught) => caught);
    expect(ModelFormatError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(message);
  });

  it('should size every tensor type as the installed llama.cpp does', async () => {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    try {
      // node-llama-cpp exposes llama.cpp's type traits only on its bindings.
      const bindings = (
        llama as unknown as {
          _bindings: {
            getBlockSizeForGgmlType(type: number): number | undefined;
            getTypeSizeForGgmlType(type: number): number | undefined;
          };
        }
      )._bindings;
      for (const [type, layout] of ggmlBlockLayouts) {
        expect({ type, ...layout }).toEqual({
          type,
          blockSize: bindings.getBlockSizeForGgmlType(type),
          bytesPerBlock: bindings.getTypeSizeForGgmlType(type),
        });
      }
    } finally {
      await llama.dispose();
    }
  });
});
