import { basename } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  type ModelProto,
  ModelProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataLocation,
} from 'onnx-buf';
import { writeFileThroughHandle } from '../write-file-through-handle';

// Protobuf messages cannot exceed 2 GiB; past this much weight data, weights go to a side file.
const protobufLimit = 2 ** 31 - 1;

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
 * Serializes a model to a file atomically. Large models keep their weights in `<name>_data`
 * beside it, referenced by location, offset and length, as ONNX Runtime expects.
 */
export async function writeOnnxModel(
  path: string,
  model: ModelProto,
  options: WriteOnnxOptions = {},
): Promise<void> {
  const initializers = model.graph?.initializer ?? [];
  const totalBytes = initializers.reduce((sum, tensor) => sum + tensor.rawData.byteLength, 0);
  const threshold =
    options.externalDataThreshold ??
    (totalBytes > protobufLimit - 64 * 1024 * 1024 ? 1024 : Number.POSITIVE_INFINITY);
  const external = initializers.filter((tensor) => tensor.rawData.byteLength >= threshold);
  const dataPath = `${path}_data`;
  if (external.length > 0) {
    await writeFileThroughHandle(dataPath, async (handle) => {
      let offset = 0;
      for (const tensor of external) {
        const data = tensor.rawData;
        await handle.write(data);
        tensor.dataLocation = TensorProto_DataLocation.EXTERNAL;
        tensor.externalData = [
          create(StringStringEntryProtoSchema, { key: 'location', value: basename(dataPath) }),
          create(StringStringEntryProtoSchema, { key: 'offset', value: String(offset) }),
          create(StringStringEntryProtoSchema, { key: 'length', value: String(data.byteLength) }),
        ];
        tensor.rawData = new Uint8Array(0);
        offset += data.byteLength;
      }
    });
  }
  await writeFileThroughHandle(path, async (handle) => {
    await handle.write(serializeOnnxModel(model));
  });
}
