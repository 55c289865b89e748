import { describe, expect, it } from 'vitest';
import { expectOnnxSessionThreads } from '../../test-utils/session-threads';
import { tinyModelFolder } from '../../test-utils/tiny-models';
import { createOnnxRuntimeBackend } from '../onnxruntime/create-onnxruntime-backend';
import { segmentGenerator } from '../stepping/segments-from-steps';
import { testBackend } from '../testing/vitest/index';
import { createTransformersBackend } from './create-transformers-backend';

const model = await tinyModelFolder();

testBackend({
  name: 'transformers.js (tiny Qwen2 ONNX)',
  create: () => createTransformersBackend({ model: model.folder }),
});

describe('createTransformersBackend', () => {
  it("should run the model's ONNX Runtime session on the threads given, one operator at a time, by default on the CPUs the process may use", async () => {
    // transformers.js creates its sessions through the onnxruntime-node module installed beside it.
    await expectOnnxSessionThreads((threads) =>
      createTransformersBackend({ model: model.folder, threads }),
    );
  }, 60_000);

  it('should continue 20 prompts greedily exactly as the SDK loop on ONNX Runtime does on the same file', async () => {
    const [transformers, onnx] = [
      await createTransformersBackend({ model: model.folder }),
      await createOnnxRuntimeBackend({ model: model.folder }),
    ];
    try {
      for (let index = 0; index < 20; index++) {
        const request = {
          prompt: {
            text: `<|im_start|>user\nQuestion ${index}: ${'why '.repeat(index % 5)}?<|im_end|>\n<|im_start|>assistant\n`,
          },
          maxTokens: 32,
          sampling: { temperature: 0 },
        };
        const [fromTransformers, fromOnnx] = [
          await segmentGenerator(transformers)(request),
          await segmentGenerator(onnx)(request),
        ];
        expect(fromTransformers.tokenIds).toEqual(fromOnnx.tokenIds);
      }
    } finally {
      await transformers.close();
      await onnx.close();
    }
  }, 120_000);
});
