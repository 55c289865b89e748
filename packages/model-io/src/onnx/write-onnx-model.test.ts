import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary, isFieldSet } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataLocation, TensorProtoSchema } from 'onnx-buf';
import { afterAll, describe, expect, it } from 'vitest';
import { createTinyQwen2 } from '../qwen2/create-tiny-qwen2';
import { exportQwen2Onnx } from '../qwen2/export-qwen2-onnx';
import { writeModelFolder } from '../qwen2/write-hugging-face-folder';
import { createGraphBuilder } from './graph-builder';
import { serializeOnnxModel, writeOnnxModel } from './write-onnx-model';

const folders: string[] = [];
const scratch = async () => {
  folders.push(await mkdtemp(join(tmpdir(), 's1-onnx-write-')));
  return folders.at(-1) as string;
};
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true }))));

describe('writeOnnxModel', () => {
  it('should write, tensor by tensor, exactly the bytes of the serialized model and leave the model as it was', async () => {
    const tiny = createTinyQwen2({ layers: 2, hidden: 32, heads: 2, kvHeads: 1, seed: 7 });
    const model = exportQwen2Onnx(tiny.architecture, tiny.weights);
    // Buffer.equals: toEqual walks a typed array entry by entry, far too slowly for 39 MB.
    const serialized = Buffer.from(serializeOnnxModel(model));
    const folder = await scratch();
    await writeOnnxModel(join(folder, 'direct.onnx'), model);
    expect((await readFile(join(folder, 'direct.onnx'))).equals(serialized)).toBe(true);
    expect(serialized.equals(serializeOnnxModel(model))).toBe(true);

    // writeModelFolder makes the transposed weights only as it writes them: the same bytes.
    await writeModelFolder({ folder, ...tiny });
    expect((await readFile(join(folder, 'onnx', 'model.onnx'))).equals(serialized)).toBe(true);
  });

  it('should move initializers past the threshold to the data file, large ones aligned for memory mapping', async () => {
    const graph = createGraphBuilder('external');
    const large = new Float32Array(300_000).map((_, index) => index % 977);
    const small = new Float32Array(400).map((_, index) => -index);
    const tiny = new Float32Array(4).fill(0.5);
    graph.input('x', 'float32', [1]);
    const sum = graph.op('Add', [
      graph.op('ReduceSum', [graph.initializer('small', small, [400])]),
      graph.op('ReduceSum', [graph.initializer('large', large, [300_000])]),
    ]);
    graph.op('Add', [graph.op('Add', [sum, graph.initializer('tiny', tiny, [4])]), 'x'], {}, 'y');
    graph.output('y', 'float32', [4]);
    const folder = await scratch();
    const path = join(folder, 'model.onnx');
    await writeOnnxModel(path, graph.toModel(), { externalDataThreshold: 1024 });

    const written = fromBinary(ModelProtoSchema, await readFile(path));
    const tensors = new Map(written.graph?.initializer.map((tensor) => [tensor.name, tensor]));
    const data = await open(`${path}_data`);
    try {
      for (const [name, values] of [
        ['small', small],
        ['large', large],
      ] as const) {
        const tensor = tensors.get(name);
        const entries = Object.fromEntries(tensor?.externalData.map((e) => [e.key, e.value]) ?? []);
        expect(tensor?.dataLocation).toBe(TensorProto_DataLocation.EXTERNAL);
        expect(tensor && isFieldSet(tensor, TensorProtoSchema.field.rawData)).toBe(false);
        expect(entries.location).toBe('model.onnx_data');
        expect(Number(entries.length)).toBe(values.byteLength);
        const bytes = new Uint8Array(values.byteLength);
        await data.read(bytes, 0, bytes.byteLength, Number(entries.offset));
        expect(Buffer.from(bytes).equals(new Uint8Array(values.buffer))).toBe(true);
        if (name === 'large') expect(Number(entries.offset) % 65_536).toBe(0);
      }
      expect((await data.stat()).size).toBe(65_536 + large.byteLength);
    } finally {
      await data.close();
    }
    // Under the threshold: stays in the model.
    const inline = Uint8Array.from(tensors.get('tiny')?.rawData ?? []);
    expect(new Float32Array(inline.buffer)).toEqual(tiny);
  });
});
