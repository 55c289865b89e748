import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { loadChatTemplate, loadTokenizer } from '@s1/chat-template';
import { describe, expect, it } from 'vitest';
import { modelFolderEntries } from '../../test-utils/model-folder-entries';
import { runCaptured as run } from '../../test-utils/run-captured';

/** `s1 generate` on an in-process runtime, with --json. */
const generateJson = (runtime: string, modelPath: string, ...argv: string[]) =>
  run(['generate', '--runtime', runtime, '--model-path', modelPath, ...argv, '--json']);

/**
 * Six raw tokens from the model folder on ONNX Runtime, transformers.js and llama.cpp (the same
 * ids from the first two), then a budget-forced generation that stops thinking at 5 tokens.
 */
async function expectRuntimesRun(out: string) {
  const rawHello = ['--prompt', 'Hello', '--raw', '--max-tokens', '6'];
  const onnx = await generateJson('onnxruntime', out, ...rawHello);
  expect(onnx.code).toBe(0);
  const onnxIds = JSON.parse(onnx.stdout).tokenIds;
  expect(onnxIds).toHaveLength(6);
  const viaTransformers = await generateJson('transformers', out, ...rawHello);
  expect(viaTransformers.code).toBe(0);
  expect(JSON.parse(viaTransformers.stdout).tokenIds).toEqual(onnxIds);
  const llama = await generateJson('llama-cpp', join(out, 'model.gguf'), ...rawHello);
  expect(llama.code).toBe(0);
  expect(JSON.parse(llama.stdout).tokenIds).toHaveLength(6);
  const budget = ['--prompt', 'Think.', '--max-thinking', '5', '--max-answer', '3'];
  const forced = await generateJson('onnxruntime', out, ...budget);
  expect(forced.code).toBe(0);
  expect(JSON.parse(forced.stdout)).toMatchObject({ thinkingTokens: 5, hitBudget: true });
}

describe('s1 model create-tiny, then s1 generate in-process', () => {
  it('should write every format and run the model on ONNX Runtime and llama.cpp', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-tiny-')), 'tiny');
    const created = await run([
      'model',
      'create-tiny',
      '--out',
      out,
      '--layers',
      '1',
      '--hidden',
      '32',
      '--heads',
      '2',
      '--kv-heads',
      '1',
      '--seed',
      '5',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /1 layers, hidden 32, intermediate 64, 2 heads over 1 KV heads, untied embeddings, context 4096, vocabulary 151665 \(Qwen2\.5\)/,
    );
    expect((await readdir(out)).sort()).toEqual(modelFolderEntries);
    await expectRuntimesRun(out);
  }, 120_000);

  it('should write a trainable model with the byte vocabulary that the tokenizers and runtimes read alike', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-tiny-bytes-')), 'tiny');
    const created = await run([
      'model',
      'create-tiny',
      '--out',
      out,
      '--vocabulary',
      'bytes',
      '--tie-embeddings',
      '--intermediate',
      '48',
      '--context-length',
      '512',
      '--layers',
      '1',
      '--hidden',
      '32',
      '--heads',
      '2',
      '--kv-heads',
      '1',
    ]);
    expect(created.code).toBe(0);
    // 260 × 32 embeddings shared with the head, 7,808 in the layer (attention 3,136, MLP 3 × 48 ×
    // 32, norms 64) and 32 in the last norm.
    expect(created.stdout).toMatch(
      /1 layers, hidden 32, intermediate 48, 2 heads over 1 KV heads, tied embeddings, context 512, vocabulary 260 \(bytes\), 16,160 parameters, seed 0/,
    );
    expect((await readdir(out)).sort()).toEqual(modelFolderEntries);
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8'))).toMatchObject({
      vocab_size: 260,
      intermediate_size: 48,
      tie_word_embeddings: true,
      max_position_embeddings: 512,
    });

    const tokenizer = await loadTokenizer(out);
    const text =
      '<|im_start|>user\nHow many r in raspberry? ½ 😀<|im_end|>\n<|im_start|>assistant\n' +
      '<|im_start|>think\nWait<|im_start|>answer\nAnswer: 3<|im_end|>';
    const ids = tokenizer.encode(text);
    expect(tokenizer.encode('<|im_start|>think\n')).toEqual([257, 83, 71, 72, 77, 74, 198]);
    expect(tokenizer.decode(ids)).toBe(text);
    expect(tokenizer.specialTokens).toMatchObject({
      eos_token: '<|im_end|>',
      pad_token: '<|fim_pad|>',
    });
    const transformers = await AutoTokenizer.from_pretrained(out, { local_files_only: true });
    expect(transformers.encode(text, { add_special_tokens: false })).toEqual(ids);
    const template = await loadChatTemplate({ path: out });
    expect(template.render([{ role: 'user', content: 'Hi' }], { addGenerationPrompt: true })).toBe(
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
    );

    await expectRuntimesRun(out);
  }, 120_000);

  it('should refuse sizes and a vocabulary it does not make, naming the flag', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-tiny-flags-')), 'tiny');
    const refused = async (...argv: string[]) => {
      const result = await run(['model', 'create-tiny', '--out', out, ...argv]);
      expect(result.code).toBe(1);
      return result.stderr;
    };
    expect(await refused('--intermediate', '0')).toMatch(
      /--intermediate must be a whole number of at least 1, not "0"/,
    );
    expect(await refused('--context-length', '4k')).toMatch(
      /--context-length must be a whole number of at least 1, not "4k"/,
    );
    expect(await refused('--vocabulary', 'words')).toMatch(
      /'--vocabulary <name>' argument 'words' is invalid. Allowed choices are qwen2\.5, bytes/,
    );
    expect(await readdir(join(out, '..'))).toEqual([]);
  });

  it('should ask for --model-path with an in-process runtime', async () => {
    const missing = await run(['generate', '--runtime', 'onnxruntime', '--prompt', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--model-path is required for --runtime onnxruntime/);
  });
});
