import { stat } from 'node:fs/promises';
import type { BackendV1 } from '@s1/budget-forcing';
import { createLlamaCppBackend } from '@s1/budget-forcing/llama-cpp';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createTransformersBackend } from '@s1/budget-forcing/transformers';
import type { Tokenizer } from '@s1/chat-template';
import type { BackendFlags } from '../backend-options';
import type { CliIO } from '../cli-io';
import { UsageError } from '../flags';

/** The backend `s1 generate` and `s1 eval` run on; its `close()`, where present, frees it. */
export async function createCliBackend(
  options: BackendFlags,
  tokenizer: Tokenizer | undefined,
  io: CliIO,
): Promise<BackendV1> {
  if (options.runtime !== 'openai')
    await checkModelPath(options.runtime, options.modelPath as string);
  switch (options.runtime) {
    case 'onnxruntime':
      return await createOnnxRuntimeBackend({
        model: options.modelPath as string,
        tokenizer,
        contextLength: options.contextLength,
        threads: options.threads,
      });
    case 'transformers':
      return await createTransformersBackend({
        model: options.modelPath as string,
        tokenizer,
        contextLength: options.contextLength,
        threads: options.threads,
      });
    case 'llama-cpp':
      return await createLlamaCppBackend({
        model: options.modelPath as string,
        contextSize: options.contextLength,
        threads: options.threads,
      });
    case 'openai':
      return createOpenAICompatibleBackend({
        baseURL: options.baseUrl as string,
        model: options.model as string,
        apiKey: options.apiKey ?? io.env.S1_API_KEY ?? io.env.OPENAI_API_KEY,
        server: options.server,
        tokenizer,
        contextLength: options.contextLength,
        retry: { timeoutMs: options.timeout * 1000, maxRetries: options.retries },
        onRetry: ({ error, retriesLeft }) =>
          io.stderr.write(
            `s1: ${error.message}; retrying (${retriesLeft} ${retriesLeft === 1 ? 'retry' : 'retries'} left)\n`,
          ),
      });
  }
}

// llama.cpp loads a GGUF file; the other in-process runtimes a model folder.
async function checkModelPath(runtime: BackendFlags['runtime'], path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  const wantsFile = runtime === 'llama-cpp';
  if (found === undefined) {
    throw new UsageError(
      `--model-path ${path} does not exist: give ${wantsFile ? 'a GGUF file' : 'a model folder (config.json, tokenizer files, onnx/model.onnx)'}`,
    );
  }
  if (wantsFile && !found.isFile()) {
    throw new UsageError(`--model-path ${path} is a folder; --runtime llama-cpp loads a GGUF file`);
  }
  if (!wantsFile && !found.isDirectory()) {
    throw new UsageError(
      `--model-path ${path} is a file; --runtime ${runtime} loads a model folder (config.json, tokenizer files, onnx/model.onnx)`,
    );
  }
}
