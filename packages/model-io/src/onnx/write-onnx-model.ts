import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  type ModelProto,
  ModelProtoSchema,
  StringStringEntryProtoSchema,
  type TensorProto,
  TensorProto_DataLocation,
} from 'onnx-buf';
import { writeFileThroughHandle } from '../write-file-through-handle';
import {
  type InitializerToWrite,
  onnxModelParts,
  ownRawData,
  type TensorBytes,
} from './onnx-model-parts';

// Protobuf messages cannot exceed 2 GiB; past this much weight data, weights go to a side file.
const protobufLimit = 2 ** 31 - 1;
// As onnx's external data writer: tensors of 1 MiB or more start on a 64 KiB boundary, so ONNX
// Runtime can memory-map them (page size 4 KiB on Linux, allocation granularity 64 KiB on Windows).
const alignedFrom = 1 << 20;
const alignment = 1 << 16;
// Small parts (headers, small tensors) are gathered into writes of about this size.
const writeSize = 1 << 20;

/** Options of {@link writeOnnxModel}. */
export interface WriteOnnxOptions {
  /**
   * Move initializers of at least this many bytes to `<file>_data` (ONNX external data). By default
   * this happens only when the model would pass the 2 GiB protobuf limit.
   */
  externalDataThreshold?: number | undefined;
}

/** The model's protobuf bytes, for an in-memory session (models under the 2 GiB protobuf limit). */
export function serializeOnnxModel(model: ModelProto): Uint8Array {
  return toBinary(ModelProtoSchema, model);
}

/**
 * Writes a model to a file atomically, tensor by tensor from the initializers' own buffers: the
 * weights are never gathered into one serialized message. Large models keep their weights in
 * `<name>_data` beside it, referenced by location, offset and length, as ONNX Runtime expects.
 * The model itself is left unchanged.
 */
export function writeOnnxModel(
  path: string,
  model: ModelProto,
  options: WriteOnnxOptions = {},
): Promise<void> {
  return writeOnnxModelStreaming(path, model, new Map(), options);
}

/**
 * `writeOnnxModel`, with the raw data of the initializers in `deferred` made only as each is
 * written (their `rawData` is ignored): an exporter's transposed weights need not all exist.
 */
export async function writeOnnxModelStreaming(
  path: string,
  model: ModelProto,
  deferred: ReadonlyMap<TensorProto, TensorBytes>,
  options: WriteOnnxOptions = {},
): Promise<void> {
  const initializers = (model.graph?.initializer ?? []).map(
    (tensor): InitializerToWrite => ({
      tensor,
      rawData: deferred.get(tensor) ?? ownRawData(tensor),
    }),
  );
  const totalBytes = initializers.reduce((sum, { rawData }) => sum + (rawData?.byteLength ?? 0), 0);
  const threshold =
    options.externalDataThreshold ??
    (totalBytes > protobufLimit - 64 * 1024 * 1024 ? 1024 : Number.POSITIVE_INFINITY);
  const external = initializers.filter(({ rawData }) => (rawData?.byteLength ?? 0) >= threshold);
  const offsets = externalOffsets(external);
  if (external.length > 0) {
    await writeFileThroughHandle(`${path}_data`, (handle) =>
      writeParts(handle, externalDataParts(offsets)),
    );
  }
  const location = `${basename(path)}_data`;
  const written = initializers.map((initializer): InitializerToWrite => {
    const offset = offsets.get(initializer);
    if (offset === undefined) return initializer;
    return {
      tensor: {
        ...initializer.tensor,
        dataLocation: TensorProto_DataLocation.EXTERNAL,
        externalData: [
          create(StringStringEntryProtoSchema, { key: 'location', value: location }),
          create(StringStringEntryProtoSchema, { key: 'offset', value: String(offset) }),
          create(StringStringEntryProtoSchema, {
            key: 'length',
            value: String(initializer.rawData?.byteLength),
          }),
        ],
      },
      rawData: undefined,
    };
  });
  await writeFileThroughHandle(path, (handle) =>
    writeParts(handle, onnxModelParts(model, written)),
  );
}

/** Where each external tensor starts in the data file, in order, large ones aligned. */
function externalOffsets(external: readonly InitializerToWrite[]) {
  const offsets = new Map<InitializerToWrite, number>();
  let end = 0;
  for (const initializer of external) {
    const byteLength = initializer.rawData?.byteLength ?? 0;
    const offset = byteLength >= alignedFrom ? Math.ceil(end / alignment) * alignment : end;
    offsets.set(initializer, offset);
    end = offset + byteLength;
  }
  return offsets;
}

/** The external data file: each tensor's bytes at its offset, zeros between. */
function* externalDataParts(
  offsets: ReadonlyMap<InitializerToWrite, number>,
): Generator<Uint8Array> {
  const zeros = new Uint8Array(alignment);
  let end = 0;
  for (const [{ rawData }, offset] of offsets) {
    if (offset > end) yield zeros.subarray(0, offset - end);
    const bytes = (rawData as TensorBytes).bytes();
    yield bytes;
    end = offset + bytes.byteLength;
  }
}

async function writeParts(handle: FileHandle, parts: Iterable<Uint8Array>): Promise<void> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (const part of parts) {
    pending.push(part);
    pendingBytes += part.byteLength;
    if (pendingBytes >= writeSize) {
      await handle.writev(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pending.length > 0) await handle.writev(pending);
}
