import { mkdtemp, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { itWithPython } from '../../../../tooling/python-tools';
import { llamaCppLogits } from '../../test-utils/llama-cpp-runner';
import { compareWithNumpy } from '../../test-utils/numpy-reference';
import { ModelFormatError } from '../errors/model-format-error';
import { GgmlType, GgufTokenType } from '../gguf/gguf-format';
import { readGgufHeader } from '../gguf/read-gguf';
import { createByteTokenizer } from '../tokenizer/create-byte-tokenizer';
import { createTinyQwen2 } from './create-tiny-qwen2';
import { writeModelFolder } from './write-hugging-face-folder';
import { writeQwen2Gguf } from './write-qwen2-gguf';

const prompts = [
  [151644, 872, 198, 9707, 13824, 151645, 198, 151644, 77091, 198],
  [40, 1079, 264, 2613, 1614, 13],
  [151644, 26865, 198, 16, 488, 220, 16, 284, 220, 17, 13],
];

async function ggufModel(
  options: Parameters<typeof createTinyQwen2>[0],
  type: 'F32' | 'F16' = 'F32',
) {
  const tiny = createTinyQwen2(options);
  const folder = await mkdtemp(join(tmpdir(), 's1-gguf-'));
  await writeModelFolder({ folder, ...tiny, onnx: false });
  const path = join(folder, 'model.gguf');
  await writeQwen2Gguf({ path, ...tiny, type, name: 'tiny-qwen2' });
  return { ...tiny, folder, path };
}

// The file as llama.cpp's own reader (node-llama-cpp's GGUF parser) sees it: metadata by dotted
// key, tensors by name with dimensions and type. Independent of readGgufHeader.
async function readWithLlamaCpp(path: string) {
  const info = await readGgufFileInfo(path, { logWarnings: false });
  const metadata = (key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], info.metadata);
  const tensors = new Map(
    (info.tensorInfo ?? []).map(({ name, dimensions, ggmlType }) => [
      name,
      { dims: dimensions.map(Number), type: ggmlType as number },
    ]),
  );
  return { version: info.version, metadata, tensors };
}

describe('writeQwen2Gguf', () => {
  it('should write the qwen2 hyperparameters, the vocabulary and llama.cpp tensor names', async () => {
    const model = await ggufModel(
      { layers: 1, hidden: 32, heads: 2, kvHeads: 1, seed: 1, tieWordEmbeddings: false },
      'F16',
    );
    const gguf = await readWithLlamaCpp(model.path);
    expect(gguf.version).toBe(3);
    expect(gguf.metadata('general.architecture')).toBe('qwen2');
    expect(gguf.metadata('qwen2.attention.head_count_kv')).toBe(1);
    expect(gguf.metadata('tokenizer.ggml.pre')).toBe('qwen2');
    const tokens = gguf.metadata('tokenizer.ggml.tokens') as string[];
    const types = gguf.metadata('tokenizer.ggml.token_type') as number[];
    expect(tokens).toHaveLength(151665);
    expect([tokens[151644], types[151644]]).toEqual(['<|im_start|>', 3]);
    expect([tokens[9707], types[9707]]).toEqual(['Hello', 1]);
    expect((gguf.metadata('tokenizer.ggml.merges') as string[])[0]).toBe('Ġ Ġ');
    expect(gguf.metadata('tokenizer.chat_template')).toContain('<|im_start|>');
    expect(gguf.tensors.get('token_embd.weight')).toEqual({
      dims: [32, 151665],
      type: GgmlType.F16,
    });
    expect(gguf.tensors.get('blk.0.attn_k.bias')).toEqual({ dims: [16], type: GgmlType.F32 });
    expect(gguf.tensors.has('output.weight')).toBe(true);
  }, 60_000);

  it("should write the byte tokenizer's vocabulary: bytes, then the s1 special tokens as control tokens, no merges", async () => {
    const model = await ggufModel({
      vocab: createByteTokenizer(),
      layers: 1,
      hidden: 32,
      heads: 2,
      kvHeads: 1,
      tieWordEmbeddings: true,
    });
    const gguf = await readWithLlamaCpp(model.path);
    const tokens = gguf.metadata('tokenizer.ggml.tokens') as string[];
    const types = gguf.metadata('tokenizer.ggml.token_type') as number[];
    expect(tokens).toHaveLength(260);
    expect([tokens[0], tokens[198], tokens[220]]).toEqual(['!', 'Ċ', 'Ġ']);
    expect(tokens.slice(256)).toEqual([
      '<|endoftext|>',
      '<|im_start|>',
      '<|im_end|>',
      '<|fim_pad|>',
    ]);
    expect(new Set(types.slice(0, 256))).toEqual(new Set([GgufTokenType.Normal]));
    expect(types.slice(256)).toEqual(Array(4).fill(GgufTokenType.Control));
    expect(gguf.metadata('tokenizer.ggml.merges')).toEqual([]);
    expect(
      ['bos', 'eos', 'padding'].map((name) => gguf.metadata(`tokenizer.ggml.${name}_token_id`)),
    ).toEqual([256, 258, 259]);
    expect(gguf.tensors.has('output.weight')).toBe(false);
  }, 60_000);

  it('should refuse a truncated file, naming the tensor that runs past the end', async () => {
    const model = await ggufModel({ layers: 1, hidden: 32, heads: 2, kvHeads: 1, seed: 2 });
    await truncate(model.path, (await stat(model.path)).size - 100);
    await expect(readGgufHeader(model.path)).rejects.toThrow(ModelFormatError);
    await expect(readGgufHeader(model.path)).rejects.toThrow(
      /tensor "output\.weight" ends at byte \d+ of a \d+-byte file \(truncated\)/,
    );
    await truncate(model.path, 1000);
    await expect(readGgufHeader(model.path)).rejects.toThrow(/truncated/);
  }, 60_000);

  itWithPython(
    ['numpy'],
    'should load in llama.cpp and give the reference logits',
    async () => {
      const model = await ggufModel({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 3 });
      const llama = await llamaCppLogits(model.path);
      try {
        expect(llama.model.tokenize('<|im_start|>think\nHello Wait<|im_end|>', true)).toEqual([
          151644, 26865, 198, 9707, 13824, 151645,
        ]);
        for (const prompt of prompts) {
          const logits = await llama.logitsAfter(prompt);
          // The reference gives every position; compare the last one.
          const reference = compareWithNumpy(
            model.folder,
            [prompt],
            padToAllPositions(logits, prompt.length),
          );
          expect(reference.maxAbsDiff).toBeLessThan(1e-4);
        }
      } finally {
        await llama.dispose();
      }
    },
    120_000,
  );
});

// compareWithNumpy compares every position; positions before the last are filled with NaN and skipped.
function padToAllPositions(last: Float32Array, positions: number): Float32Array {
  const all = new Float32Array(last.length * positions).fill(Number.NaN);
  all.set(last, last.length * (positions - 1));
  return all;
}
