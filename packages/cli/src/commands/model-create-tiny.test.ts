import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';

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
      /1 layers, hidden 32, 2 heads over 1 KV heads, vocabulary 151665/,
    );
    expect((await readdir(out)).sort()).toEqual(
      [
        'config.json',
        'generation_config.json',
        'model.gguf',
        'model.safetensors',
        'onnx',
        'tokenizer.json',
        'tokenizer_config.json',
      ].sort(),
    );

    const raw = await run([
      'generate',
      '--runtime',
      'onnxruntime',
      '--model-path',
      out,
      '--prompt',
      'Hello',
      '--raw',
      '--max-tokens',
      '6',
      '--json',
    ]);
    expect(raw.code).toBe(0);
    const onnx = JSON.parse(raw.stdout);
    expect(onnx.tokenIds).toHaveLength(6);
    const viaTransformers = await run([
      'generate',
      '--runtime',
      'transformers',
      '--model-path',
      out,
      '--prompt',
      'Hello',
      '--raw',
      '--max-tokens',
      '6',
      '--json',
    ]);
    expect(viaTransformers.code).toBe(0);
    expect(JSON.parse(viaTransformers.stdout).tokenIds).toEqual(onnx.tokenIds);
    const llama = await run([
      'generate',
      '--runtime',
      'llama-cpp',
      '--model-path',
      join(out, 'model.gguf'),
      '--prompt',
      'Hello',
      '--raw',
      '--max-tokens',
      '6',
      '--json',
    ]);
    expect(llama.code).toBe(0);
    expect(JSON.parse(llama.stdout).tokenIds).toHaveLength(6);

    const forced = await run([
      'generate',
      '--runtime',
      'onnxruntime',
      '--model-path',
      out,
      '--prompt',
      'Think.',
      '--max-thinking',
      '5',
      '--max-answer',
      '3',
      '--json',
    ]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ thinkingTokens: 5, hitBudget: true });
  }, 120_000);

  it('should ask for --model-path with an in-process runtime', async () => {
    const missing = await run(['generate', '--runtime', 'onnxruntime', '--prompt', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--model-path is required for --runtime onnxruntime/);
  });
});
