import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForCausalLM, Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { llamaCppLogits } from '../../test-utils/llama-cpp-runner';
import { createOnnxRunner } from '../../test-utils/onnx-runner';
import { createTinyQwen2 } from './create-tiny-qwen2';
import { writeModelFolder } from './write-hugging-face-folder';

// One set of weights, exported to ONNX and GGUF, on three runtimes: ONNX Runtime (the SDK's
// loop), transformers.js (same ONNX file, its own runtime copy) and llama.cpp (an independent
// implementation of the architecture).
describe('cross-runtime agreement', () => {
  it('should give the same next-token logits on ONNX Runtime, transformers.js and llama.cpp for 20 prompts', async () => {
    const tiny = createTinyQwen2({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 31 });
    const folder = await mkdtemp(join(tmpdir(), 's1-cross-runtime-'));
    await writeModelFolder({ folder, ...tiny, gguf: 'F32' });
    const onnx = await createOnnxRunner(join(folder, 'onnx', 'model.onnx'), tiny.architecture);
    const llama = await llamaCppLogits(join(folder, 'model.gguf'));
    const transformers = await AutoModelForCausalLM.from_pretrained(folder, {
      dtype: 'fp32',
      local_files_only: true,
    });
    const vocabulary = tiny.architecture.vocabSize;
    const maxDifference = (a: Float32Array, b: Float32Array) => {
      let difference = 0;
      for (let id = 0; id < vocabulary; id++)
        difference = Math.max(difference, Math.abs((a[id] as number) - (b[id] as number)));
      return difference;
    };
    try {
      let worst = 0;
      for (let index = 0; index < 20; index++) {
        const prompt = [
          151644,
          872,
          198,
          40 + index,
          1079 + 3 * index,
          13 + (index % 7),
          151645,
          198,
          151644,
          77091,
          198,
        ];
        const fromOnnx = (await onnx.step([prompt], [prompt.map(() => 1)], undefined)).logits.slice(
          -vocabulary,
        );
        const fromLlama = await llama.logitsAfter(prompt);
        const ids = new Tensor('int64', BigInt64Array.from(prompt, BigInt), [1, prompt.length]);
        const mask = new Tensor(
          'int64',
          BigInt64Array.from(prompt, () => 1n),
          [1, prompt.length],
        );
        const output = (await transformers({ input_ids: ids, attention_mask: mask })) as {
          logits: { data: Float32Array };
        };
        const fromTransformers = output.logits.data.slice(-vocabulary);
        worst = Math.max(
          worst,
          maxDifference(fromOnnx, fromLlama),
          maxDifference(fromOnnx, fromTransformers),
        );
      }
      expect(worst).toBeLessThanOrEqual(1e-3);
    } finally {
      await onnx.release();
      await llama.dispose();
      await transformers.dispose();
    }
  }, 180_000);
});
