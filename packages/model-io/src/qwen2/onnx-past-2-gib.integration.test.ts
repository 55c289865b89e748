import { mkdtemp, open, readFile, rm, stat, statfs } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataLocation } from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { qwen2ArchitectureFromConfig } from '../config/qwen2-architecture';
import { writeOnnxModelStreaming } from '../onnx/write-onnx-model';
import { qwen2OnnxWithDeferredWeights } from './export-qwen2-onnx';
import { qwen2TensorSpecs } from './qwen2-weights';

const gib = 2 ** 30;
// Qwen2.5-1.5B's shape: 6.2 GB of float32 weights, three times the 2 GiB protobuf limit.
const architecture = qwen2ArchitectureFromConfig({
  model_type: 'qwen2',
  vocab_size: 151_936,
  hidden_size: 1536,
  intermediate_size: 8960,
  num_hidden_layers: 28,
  num_attention_heads: 12,
  num_key_value_heads: 2,
  rope_theta: 1_000_000,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: true,
});

// Cheap weights: each kind of layer matrix is one buffer shared by every layer (1.2 GB held,
// 6.2 GB written; the writer does not care). Every buffer holds a constant of its own, so a
// tensor read at a wrong offset shows.
const bufferOf = (name: string) =>
  /^model\.layers\.\d+\.(.+_proj\.weight)$/.exec(name)?.[1] ?? name;

// About 6.2 GB to write and sync, and 1.3 GB of memory: run where there is room for it.
const room =
  totalmem() >= 16 * gib &&
  (await statfs(tmpdir()).then(({ bavail, bsize }) => bavail * bsize >= 12 * gib));

describe.runIf(room)('a model past the 2 GiB protobuf limit', () => {
  it('should keep the protobuf small and every weight at its offset in the data file, and load in ONNX Runtime', async () => {
    const buffers = new Map<string, Float32Array>();
    const constantOf = (name: string) => (buffers.get(bufferOf(name)) as Float32Array)[0];
    const weights = new Map<string, Float32Array>();
    for (const { name, shape } of qwen2TensorSpecs(architecture)) {
      let data = buffers.get(bufferOf(name));
      if (data === undefined) {
        data = new Float32Array(shape.reduce((product, dim) => product * dim, 1));
        buffers.set(bufferOf(name), data.fill((buffers.size + 1) / 256));
      }
      weights.set(name, data);
    }
    const folder = await mkdtemp(join(tmpdir(), 's1-onnx-past-2-gib-'));
    const path = join(folder, 'model.onnx');
    try {
      const { model, deferred } = qwen2OnnxWithDeferredWeights(architecture, weights);
      await writeOnnxModelStreaming(path, model, deferred);

      expect((await stat(path)).size).toBeLessThan(16 * 2 ** 20);
      const written = fromBinary(ModelProtoSchema, await readFile(path));
      const dataSize = (await stat(`${path}_data`)).size;
      expect(dataSize).toBeGreaterThan(2 * gib);
      const data = await open(`${path}_data`);
      let end = 0;
      try {
        for (const tensor of written.graph?.initializer ?? []) {
          if (tensor.dataLocation !== TensorProto_DataLocation.EXTERNAL) continue;
          const entry = Object.fromEntries(tensor.externalData.map((e) => [e.key, e.value]));
          const [offset, length] = [Number(entry.offset), Number(entry.length)];
          expect(entry.location).toBe('model.onnx_data');
          expect(length).toBe(4 * tensor.dims.reduce((product, dim) => product * Number(dim), 1));
          expect(offset).toBeGreaterThanOrEqual(end);
          if (length >= 2 ** 20) expect(offset % 2 ** 16).toBe(0);
          end = offset + length;
          const first = new Float32Array(1);
          const last = new Float32Array(1);
          await data.read(new Uint8Array(first.buffer), 0, 4, offset);
          await data.read(new Uint8Array(last.buffer), 0, 4, end - 4);
          const expected = constantOf(tensor.name);
          expect([tensor.name, first[0], last[0]]).toEqual([tensor.name, expected, expected]);
        }
      } finally {
        await data.close();
      }
      expect(end).toBe(dataSize);
      const external = written.graph?.initializer.filter(
        (tensor) => tensor.dataLocation === TensorProto_DataLocation.EXTERNAL,
      );
      // Every weight of the checkpoint (the output head is the tied embeddings).
      expect(external?.length).toBe(qwen2TensorSpecs(architecture).length);

      // Memory-mapped weights, no pre-packed copies: loading costs little memory.
      const session = await ort.InferenceSession.create(path, {
        graphOptimizationLevel: 'disabled',
        enableCpuMemArena: false,
        extra: { session: { disable_prepacking: '1' } },
      });
      expect(session.inputNames).toContain('input_ids');
      expect(session.outputNames).toContain('logits');
      await session.release();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
