import type { BackendV1 } from '@s1/budget-forcing';
import { createLlamaCppBackend } from '@s1/budget-forcing/llama-cpp';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createTransformersBackend } from '@s1/budget-forcing/transformers';
import type { Tokenizer } from '@s1/chat-template';
import type { CliIO } from '../cli-io';
import type { BackendFlags } from './generate-options';

/** The backend `s1 generate` and `s1 eval` run on, and how to free it. */
export async function createCliBackend(
  options: BackendFlags,
  tokenizer: Tokenizer | undefined,
  io: CliIO,
): Promise<{ backend: BackendV1; release: () => Promise<void> }> {
  switch (options.runtime) {
    case 'onnxruntime': {
      const backend = await createOnnxRuntimeBackend({
        model: options.modelPath as string,
        tokenizer,
        contextLength: options.contextLength,
      });
      return { backend, release: () => backend.release() };
    }
    case 'transformers': {
      const backend = await createTransformersBackend({
        model: options.modelPath as string,
        tokenizer,
        contextLength: options.contextLength,
      });
      return { backend, release: () => backend.release() };
    }
    case 'llama-cpp': {
      const backend = await createLlamaCppBackend({
        model: options.modelPath as string,
        contextSize: options.contextLength,
      });
      return { backend, release: () => backend.release() };
    }
    case 'openai':
      return {
        backend: createOpenAICompatibleBackend({
          baseURL: options.baseUrl as string,
          model: options.model as string,
          apiKey: options.apiKey ?? io.env.S1_API_KEY ?? io.env.OPENAI_API_KEY,
          server: options.server,
          tokenizer,
          contextLength: options.contextLength,
        }),
        release: async () => {},
      };
  }
}
