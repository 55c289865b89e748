import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelFormatError } from '@s1/model-io';
import { LlamaModel } from 'node-llama-cpp';
import { describe, expect, it, vi } from 'vitest';
import { tinyModelFolder } from '../../test-utils/tiny-models';
import { BackendError } from '../errors/backend-error';
import { createOnnxRuntimeBackend } from '../onnxruntime/create-onnxruntime-backend';
import { segmentGenerator } from '../stepping/segments-from-steps';
import { testBackend } from '../testing/vitest/index';
import { createLlamaCppBackend } from './create-llama-cpp-backend';

const model = await tinyModelFolder();
// One thread: llama.cpp's threads spin-wait for each other, which a loaded machine makes several
// times slower (the 20-prompt test: 67 s with two threads beside two busy processes, 25 s with one).

testBackend({
  name: 'llama.cpp (tiny Qwen2 GGUF)',
  create: () =>
    createLlamaCppBackend({ model: model.gguf, kvCacheType: 'F32', contextSize: 512, threads: 1 }),
});

describe('createLlamaCppBackend', () => {
  it('should continue 20 prompts greedily exactly as ONNX Runtime does on the same weights', async () => {
    const [llama, onnx] = [
      await createLlamaCppBackend({
        model: model.gguf,
        kvCacheType: 'F32',
        contextSize: 512,
        threads: 1,
      }),
      await createOnnxRuntimeBackend({ model: model.folder }),
    ];
    try {
      const words = [
        'think',
        'count',
        'Wait',
        'answer',
        'prime',
        'seven',
        'raspberry',
        'why',
        'proof',
        'sum',
      ];
      for (let index = 0; index < 20; index++) {
        const prompt = `<|im_start|>user\n${words[index % 10]} ${index} ${words[(index * 3) % 10]}<|im_end|>\n<|im_start|>assistant\n`;
        const request = { prompt: { text: prompt }, maxTokens: 32, sampling: { temperature: 0 } };
        const [fromLlama, fromOnnx] = [
          await segmentGenerator(llama)(request),
          await segmentGenerator(onnx)(request),
        ];
        expect(fromLlama.tokenIds).toEqual(fromOnnx.tokenIds);
      }
    } finally {
      await llama.close();
      await onnx.close();
    }
  }, 120_000);

  it('should evaluate on the threads given, and by default on the CPUs the process may use', async () => {
    const createContext = vi.spyOn(LlamaModel.prototype, 'createContext');
    try {
      const one = await createLlamaCppBackend({ model: model.gguf, contextSize: 64, threads: 1 });
      const context = await createContext.mock.results[0]?.value;
      await one.close();
      expect(context.idealThreads).toBe(1);
      const byDefault = await createLlamaCppBackend({ model: model.gguf, contextSize: 64 });
      await byDefault.close();
      expect(createContext.mock.calls[1]?.[0]?.threads).toBe(availableParallelism());
    } finally {
      createContext.mockRestore();
    }
  }, 60_000);

  it('should refuse a damaged GGUF file before llama.cpp loads it', async () => {
    // A tensor claiming a million dimensions: llama.cpp took over a minute and gigabytes on one.
    const damaged = await readFile(model.gguf);
    const name = Buffer.from('token_embd.weight');
    damaged.writeUInt32LE(1_000_000, damaged.indexOf(name) + name.length);
    const path = join(await mkdtemp(join(tmpdir(), 's1-damaged-')), 'model.gguf');
    await writeFile(path, damaged);
    const error = await createLlamaCppBackend({ model: path }).catch((caught) => caught);
    expect(ModelFormatError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(/has 1000000 dimensions/);
  });

  it('should name a missing GGUF file', async () => {
    await expect(createLlamaCppBackend({ model: '/no/such/model.gguf' })).rejects.toThrow(
      BackendError,
    );
    await expect(createLlamaCppBackend({ model: '/no/such/model.gguf' })).rejects.toThrow(
      /no GGUF file at \/no\/such\/model\.gguf/,
    );
  });
});
