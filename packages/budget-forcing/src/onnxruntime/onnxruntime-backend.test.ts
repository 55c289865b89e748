import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@s1/errors';
import { createByteTokenizer, createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { describe, expect, it, vi } from 'vitest';
import { expectOnnxSessionThreads } from '../../test-utils/session-threads';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import { BackendError } from '../errors/backend-error';
import { testBackend } from '../testing/vitest/index';
import { createOnnxRuntimeBackend } from './create-onnxruntime-backend';

// One tiny random Qwen2 model (real Qwen2.5 tokenizer), exported once for the whole file.
const folder = await mkdtemp(join(tmpdir(), 's1-ort-backend-'));
await writeModelFolder({
  folder,
  ...createTinyQwen2({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 11 }),
});

// A 260-token vocabulary, for the models of single tests that need no real tokenizer.
const byteVocabulary = { vocab: createByteTokenizer() };

/** A one-layer byte-vocabulary model in a folder of its own, for a test to damage. */
async function smallModelFolder(prefix: string): Promise<string> {
  const model = await mkdtemp(join(tmpdir(), prefix));
  await writeModelFolder({
    folder: model,
    ...createTinyQwen2({ ...byteVocabulary, layers: 1, hidden: 16, heads: 2, kvHeads: 1, seed: 1 }),
  });
  return model;
}

// The backend's own tests get it typed as created, `generateBatch` included, and closed after.
testBackend({
  name: 'ONNX Runtime (tiny Qwen2)',
  create: () => createOnnxRuntimeBackend({ model: folder }),
  additionalTests: {
    'should force the end of thinking at exactly max tokens on every prompt of a sweep': async (
      backend,
    ) => {
      const questions = [
        'What is 2 + 2?',
        'Name a prime.',
        'Spell cat.',
        'Count to three.',
        'Say hi.',
      ];
      for (const [index, question] of questions.entries()) {
        const max = 3 + 2 * index;
        // min = max: the random model cannot end its thinking early, so every prompt hits the budget.
        const result = await createBudgetForcing({
          backend,
          thinking: { min: max, max },
          answer: { maxTokens: 4 },
        }).generate({
          messages: [{ role: 'user', content: question }],
        });
        expect(result.hitBudget).toBe(true);
        expect(result.thinkingTokens).toBe(max);
        expect(result.text.startsWith('<|im_start|>think')).toBe(true);
      }
    },
    'should sample differently from another seed': async (backend) => {
      const generate = (seed: number) =>
        backend.generate({
          prompt: { text: 'Once upon a time' },
          maxTokens: 12,
          sampling: { temperature: 1, seed },
        });
      const [first, other] = [await generate(1), await generate(2)];
      expect(other.tokenIds).not.toEqual(first.tokenIds);
    },
    'should refuse a batch request with a misspelt key, naming the key meant': async (backend) => {
      const refused = backend.generateBatch({ prompts: [[16]], maxToken: 2 } as never);
      await expect(refused).rejects.toThrow(InvalidArgumentError);
      await expect(refused).rejects.toThrow(/maxToken: unknown key; did you mean "maxTokens"\?/);
    },
    'should generate a batch of prompts of different lengths exactly as one at a time': async (
      backend,
    ) => {
      const prompts = [
        [151644, 872, 198, 9707],
        [40, 1079, 264, 2613, 1614, 13, 151645, 198, 151644],
        [16],
        [151644, 26865, 198, 16, 488, 220, 16],
      ];
      const batch = await backend.generateBatch({ prompts, maxTokens: 10 });
      for (const [row, prompt] of prompts.entries()) {
        const alone = await backend.generate({ prompt: { tokenIds: prompt }, maxTokens: 10 });
        expect(batch[row]?.tokenIds).toEqual(alone.tokenIds);
        expect(batch[row]?.text).toBe(alone.text);
      }
    },
  },
});

describe('createOnnxRuntimeBackend', () => {
  it('should run its session on the threads given, one operator at a time, by default on the CPUs the process may use', async () => {
    await expectOnnxSessionThreads((threads) =>
      createOnnxRuntimeBackend({ model: folder, threads }),
    );
  }, 60_000);

  it('should fail with a BackendError naming the file and what to do when a loaded model does not run', async () => {
    // config.json says 2 KV heads; the export has 1, so ONNX Runtime refuses the cache inputs.
    const mismatched = await smallModelFolder('s1-ort-mismatched-');
    const config = JSON.parse(await readFile(join(mismatched, 'config.json'), 'utf8'));
    await writeFile(
      join(mismatched, 'config.json'),
      JSON.stringify({ ...config, num_key_value_heads: 2 }),
    );
    const backend = await createOnnxRuntimeBackend({ model: mismatched });
    try {
      const file = join(mismatched, 'onnx', 'model.onnx');
      const failures = [
        await backend.generate({ prompt: { text: 'Hi' }, maxTokens: 3 }).catch((error) => error),
        await backend.generateBatch({ prompts: [[1, 2]], maxTokens: 3 }).catch((error) => error),
      ];
      for (const error of failures) {
        expect(BackendError.isInstance(error)).toBe(true);
        expect(String(error)).toContain(`failed running ${file}: `);
        expect(String(error)).toMatch(
          /past_key_values[\s\S]*check that config\.json belongs to this export/,
        );
      }
    } finally {
      await backend.close();
    }
  }, 60_000);

  it('should say what to do with a file ONNX Runtime cannot load', async () => {
    const damaged = await smallModelFolder('s1-ort-damaged-');
    await writeFile(join(damaged, 'onnx', 'model.onnx'), 'not a protobuf');
    const attempt = createOnnxRuntimeBackend({ model: damaged });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(attempt).rejects.toThrow(
      /could not load .*model\.onnx: .*download or export it again/,
    );
  }, 60_000);

  it('should release the session of a model it refuses', async () => {
    const release = vi.fn(async () => undefined);
    const lib = {
      InferenceSession: {
        create: async () => ({
          inputNames: ['input_ids'],
          outputNames: ['logits'],
          run: async () => ({}),
          release,
        }),
      },
      Tensor: class {
        constructor(
          readonly type: string,
          readonly data: unknown,
          readonly dims: readonly number[],
        ) {}
      },
    };
    await expect(createOnnxRuntimeBackend({ model: folder, lib })).rejects.toThrow(
      /missing inputs \[attention_mask/,
    );
    expect(release).toHaveBeenCalledOnce();
  });

  it('should refuse an ONNX model without the decoder inputs, naming what is missing', async () => {
    const wrong = await mkdtemp(join(tmpdir(), 's1-ort-wrong-'));
    await writeModelFolder({
      folder: wrong,
      ...createTinyQwen2({ layers: 1, hidden: 32, heads: 2, kvHeads: 1, seed: 1 }),
    });
    // The config says 3 layers, the ONNX file has 1: the cache inputs of layers 1 and 2 are missing.
    const { readFile, writeFile } = await import('node:fs/promises');
    const config = JSON.parse(await readFile(join(wrong, 'config.json'), 'utf8'));
    await writeFile(
      join(wrong, 'config.json'),
      JSON.stringify({ ...config, num_hidden_layers: 3 }),
    );
    const attempt = createOnnxRuntimeBackend({ model: wrong });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(attempt).rejects.toThrow(
      /missing inputs \[past_key_values\.1\.key, past_key_values\.1\.value, past_key_values\.2\.key/,
    );
  }, 60_000);
});
