import { InvalidConfigError } from '../errors/model-format-error';
import { writeFileThroughHandle } from '../write-file-through-handle';
import { float32ToBfloat16, float32ToFloat16 } from './half-precision';
import { bytesPerElement, elementCount, type SafetensorsDtype } from './safetensors-format';

/** One tensor for {@link writeSafetensors}. */
export interface TensorToWrite {
  /** The tensor's name. */
  name: string;
  /** Its shape; the data must have as many elements. */
  shape: readonly number[];
  /** Float32 data is converted to `dtype`; Uint16Array data is taken as already F16/BF16. */
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array;
  /** @default 'F32' for Float32Array, 'I64', 'I32' for integer arrays */
  dtype?: SafetensorsDtype | undefined;
}

/**
 * Writes a safetensors file atomically (a temporary file renamed into place), tensor by tensor,
 * with the header padded to 8 bytes as the reference implementation does. Each tensor is
 * converted (to F16 or BF16) only as it is written, so conversions are never all held at once.
 */
export async function writeSafetensors(
  path: string,
  tensors: readonly TensorToWrite[],
  metadata: Record<string, string> = {},
): Promise<void> {
  const prepared = tensors.map((tensor) => {
    const dtype = tensor.dtype ?? defaultDtype(tensor.data);
    const byteLength = encodedLength(tensor, dtype);
    const expected = elementCount(tensor.shape) * bytesPerElement[dtype];
    if (byteLength !== expected) {
      throw new InvalidConfigError({
        source: `tensor "${tensor.name}"`,
        issues: [
          `shape [${tensor.shape}] of ${dtype} needs ${expected} bytes, the data has ${byteLength}`,
        ],
      });
    }
    return { tensor, dtype, byteLength };
  });
  const header: Record<string, unknown> =
    Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const { tensor, dtype, byteLength } of prepared) {
    header[tensor.name] = {
      dtype,
      shape: tensor.shape,
      data_offsets: [offset, offset + byteLength],
    };
    offset += byteLength;
  }
  let headerText = JSON.stringify(header);
  headerText += ' '.repeat((8 - ((8 + Buffer.byteLength(headerText)) % 8)) % 8);
  const headerBytes = Buffer.from(headerText, 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(headerBytes.length));

  await writeFileThroughHandle(path, async (handle) => {
    await handle.write(prefix);
    await handle.write(headerBytes);
    for (const { tensor, dtype } of prepared) await handle.write(encode(tensor, dtype));
  });
}

function defaultDtype(data: TensorToWrite['data']): SafetensorsDtype {
  if (data instanceof BigInt64Array) return 'I64';
  if (data instanceof Int32Array) return 'I32';
  if (data instanceof Uint16Array) return 'F16';
  return 'F32';
}

// What `encode` will give, without converting: float32 to F16 or BF16 takes 2 bytes a value.
function encodedLength(tensor: TensorToWrite, dtype: SafetensorsDtype): number {
  const converted = tensor.data instanceof Float32Array && (dtype === 'F16' || dtype === 'BF16');
  return converted ? tensor.data.length * 2 : tensor.data.byteLength;
}

function encode(tensor: TensorToWrite, dtype: SafetensorsDtype): Uint8Array {
  const { data } = tensor;
  if (data instanceof Float32Array && dtype === 'F16') return bytesOf(float32ToFloat16(data));
  if (data instanceof Float32Array && dtype === 'BF16') return bytesOf(float32ToBfloat16(data));
  return bytesOf(data);
}

function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
