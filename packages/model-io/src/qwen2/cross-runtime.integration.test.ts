import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { llamaCppLogits } from '../../test-utils/llama-cpp-runner';
import { createOnnxRunner } from '../../test-utils/onnx-runner';
import { createByteTokenizer } from '../tokenizer/create-byte-tokenizer';
import { createTinyQwen2 } from './create-tiny-qwen2';
import { writeModelFolder } from './write-hugging-face-folder';

function maxDifference(a: Float32Array, b: Float32Array, vocabulary: number): number {
  let difference = 0;
  for (let id = 0; id < vocabulary; id++)
    difference = Math.max(difference, Math.abs((a[id] as number) - (b[id] as number)));
  return difference;
}

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
          maxDifference(fromOnnx, fromLlama, vocabulary),
          maxDifference(fromOnnx, fromTransformers, vocabulary),
        );
      }
      expect(worst).toBeLessThanOrEqual(1e-3);
    } finally {
      await onnx.release();
      await llama.dispose();
      await transformers.dispose();
    }
  });

  it('should tokenize alike and agree on the logits for a model with the byte tokenizer', async () => {
    const tiny = createTinyQwen2({
      vocab: createByteTokenizer({ modelMaxLength: 512 }),
      layers: 2,
      hidden: 64,
      heads: 4,
      kvHeads: 2,
      tieWordEmbeddings: true,
      maxPositionEmbeddings: 512,
      seed: 32,
    });
    const folder = await mkdtemp(join(tmpdir(), 's1-cross-runtime-bytes-'));
    await writeModelFolder({ folder, ...tiny, gguf: 'F32' });
    const text =
      '<|im_start|>user\nHow many r in raspberry? Ünïcödé 😀<|im_end|>\n<|im_start|>assistant\n' +
      '<|im_start|>think\nWait<|im_start|>answer\nAnswer: 3<|im_end|><|fim_pad|>';
    const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    const ids = tokenizer.encode(text, { add_special_tokens: false });
    // <|im_start|> u s e r \n
    expect(ids.slice(0, 6)).toEqual([257, 84, 82, 68, 81, 198]);
    expect(tokenizer.decode(ids, { skip_special_tokens: false })).toBe(text);
    const onnx = await createOnnxRunner(join(folder, 'onnx', 'model.onnx'), tiny.architecture);
    const llama = await llamaCppLogits(join(folder, 'model.gguf'));
    const transformers = await AutoModelForCausalLM.from_pretrained(folder, {
      dtype: 'fp32',
      local_files_only: true,
    });
    try {
      expect(llama.model.tokenize(text, true)).toEqual(ids);
      expect(llama.model.detokenize(llama.model.tokenize(text, true), true)).toBe(text);
      const fromOnnx = (await onnx.step([ids], [ids.map(() => 1)], undefined)).logits.slice(-260);
      const input = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
      const mask = new Tensor(
        'int64',
        BigInt64Array.from(ids, () => 1n),
        [1, ids.length],
      );
      const output = (await transformers({ input_ids: input, attention_mask: mask })) as {
        logits: { data: Float32Array };
      };
      const fromLlama = await llama.logitsAfter(ids);
      const fromTransformers = output.logits.data.slice(-260);
      expect(maxDifference(fromOnnx, fromLlama, 260)).toBeLessThanOrEqual(1e-3);
      expect(maxDifference(fromOnnx, fromTransformers, 260)).toBeLessThanOrEqual(1e-3);
    } finally {
      await onnx.release();
      await llama.dispose();
      await transformers.dispose();
    }
  });
});
