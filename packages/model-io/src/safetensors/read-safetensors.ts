import { open } from 'node:fs/promises';
import { z } from 'zod';
import { ModelFormatError } from '../errors/model-format-error';
import { bfloat16ToFloat32, float16ToFloat32 } from './half-precision';
import {
  bytesPerElement,
  elementCount,
  maxHeaderBytes,
  type SafetensorsDtype,
  type TensorInfo,
} from './safetensors-format';

const metadataSchema = z.record(z.string(), z.string());
const entrySchema = z.strictObject({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});

/** An open safetensors file: its checked header, and its tensors read on demand. */
export interface SafetensorsFile {
  /** The file's path. */
  readonly path: string;
  /** The header's `__metadata__` strings. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Every tensor's dtype, shape and byte range, by name. */
  readonly tensors: ReadonlyMap<string, TensorInfo>;
  /** Reads one tensor's raw bytes as its typed array (F16 and BF16 as Uint16Array). */
  readRaw(name: string): Promise<Float32Array | Uint16Array | BigInt64Array | Int32Array>;
  /** Reads one floating-point tensor as float32, converting F16 and BF16. */
  readFloat32(name: string): Promise<Float32Array>;
  /** Closes the file. */
  close(): Promise<void>;
}

// Reads of one tensor go in pieces no larger than this, so a tensor past 2 GiB still reads.
const readChunkBytes = 256 * 1024 * 1024;

/**
 * Opens a safetensors file and checks its header against the file: the header length fits,
 * every tensor's dtype is known, its byte range matches its shape, ranges neither overlap nor
 * leave holes, and nothing lies past the end. Tensors are read one at a time, on demand.
 */
export async function openSafetensors(path: string): Promise<SafetensorsFile> {
  const handle = await open(path, 'r');
  try {
    const fail = (reason: string, cause?: unknown) =>
      new ModelFormatError({ file: path, format: 'safetensors', reason, cause });
    const { size } = await handle.stat();
    if (size < 8) throw fail(`the file is ${size} bytes, shorter than the 8-byte header length`);
    const prefix = Buffer.alloc(8);
    await handle.read(prefix, 0, 8, 0);
    const headerLength = prefix.readBigUInt64LE(0);
    if (headerLength > BigInt(Math.min(maxHeaderBytes, size - 8))) {
      throw fail(
        `the header claims ${headerLength} bytes but the file has ${size - 8} after the length prefix (truncated or not safetensors)`,
      );
    }
    const headerBytes = Buffer.alloc(Number(headerLength));
    await handle.read(headerBytes, 0, headerBytes.length, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(headerBytes.toString('utf8'));
    } catch (error) {
      throw fail('the header is not JSON', error);
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header))
      throw fail('the header is not a JSON object');

    const dataStart = 8 + headerBytes.length;
    const dataLength = size - dataStart;
    const tensors = new Map<string, TensorInfo>();
    let metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(header)) {
      if (name === '__metadata__') {
        const parsed = metadataSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw fail(
            `__metadata__${issue?.path.length ? `.${issue.path.join('.')}` : ''} must map names to strings (${issue?.message})`,
          );
        }
        metadata = parsed.data;
        continue;
      }
      const entry = entrySchema.safeParse(value);
      if (!entry.success) throw fail(`tensor "${name}": ${entry.error.issues[0]?.message}`);
      const {
        dtype,
        shape,
        data_offsets: [start, end],
      } = entry.data;
      if (!(dtype in bytesPerElement))
        throw fail(
          `tensor "${name}" has dtype ${dtype}; supported: ${Object.keys(bytesPerElement).join(', ')}`,
        );
      const expected = elementCount(shape) * bytesPerElement[dtype as SafetensorsDtype];
      if (end < start || end - start !== expected) {
        throw fail(
          `tensor "${name}" spans bytes ${start}–${end} but its shape [${shape}] of ${dtype} needs ${expected}`,
        );
      }
      if (end > dataLength)
        throw fail(
          `tensor "${name}" ends at byte ${end} of a ${dataLength}-byte data section (truncated)`,
        );
      tensors.set(name, {
        name,
        dtype: dtype as SafetensorsDtype,
        shape,
        byteOffset: dataStart + start,
        byteLength: expected,
      });
    }
    checkCoverage([...tensors.values()], dataStart, dataLength, fail);

    const readRaw = async (name: string) => {
      const info = tensors.get(name);
      if (info === undefined) throw fail(`it has no tensor "${name}"`);
      const bytes = new Uint8Array(info.byteLength);
      for (let done = 0; done < info.byteLength; ) {
        const { bytesRead } = await handle.read(
          bytes,
          done,
          Math.min(readChunkBytes, info.byteLength - done),
          info.byteOffset + done,
        );
        if (bytesRead === 0)
          throw fail(`tensor "${name}" ends early (the file shrank while reading)`);
        done += bytesRead;
      }
      const buffer = bytes.buffer;
      switch (info.dtype) {
        case 'F32':
          return new Float32Array(buffer);
        case 'F16':
        case 'BF16':
          return new Uint16Array(buffer);
        case 'I64':
          return new BigInt64Array(buffer);
        case 'I32':
          return new Int32Array(buffer);
      }
    };
    return {
      path,
      metadata,
      tensors,
      readRaw,
      async readFloat32(name) {
        const raw = await readRaw(name);
        const dtype = tensors.get(name)?.dtype;
        if (dtype === 'F32') return raw as Float32Array;
        if (dtype === 'F16') return float16ToFloat32(raw as Uint16Array);
        if (dtype === 'BF16') return bfloat16ToFloat32(raw as Uint16Array);
        throw fail(`tensor "${name}" is ${dtype}, not floating point`);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

// The format requires the data section to be covered exactly: no overlaps, no holes.
function checkCoverage(
  tensors: TensorInfo[],
  dataStart: number,
  dataLength: number,
  fail: (reason: string) => Error,
): void {
  const sorted = [...tensors].sort((a, b) => a.byteOffset - b.byteOffset);
  let cursor = dataStart;
  for (const tensor of sorted) {
    if (tensor.byteOffset < cursor)
      throw fail(`tensor "${tensor.name}" overlaps the tensor before it`);
    if (tensor.byteOffset > cursor)
      throw fail(
        `there is a hole of ${tensor.byteOffset - cursor} bytes before tensor "${tensor.name}"`,
      );
    cursor += tensor.byteLength;
  }
  if (cursor !== dataStart + dataLength) {
    throw fail(
      `${dataStart + dataLength - cursor} bytes after the last tensor belong to no tensor`,
    );
  }
}
