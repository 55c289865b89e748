import { type Command, Option } from 'commander';
import { z } from 'zod';
import { decimal, httpUrl, wholeNumber } from './flags';

const runtimes = ['openai', 'onnxruntime', 'transformers', 'llama-cpp'] as const;
const servers = ['vllm', 'sglang', 'llama.cpp', 'ollama', 'openai'] as const;

/** The options that choose where the model runs, shared by `s1 generate` and `s1 eval`. */
export function addBackendOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--runtime <runtime>',
        'where the model runs: an OpenAI-compatible server, or in-process',
      )
        .choices(runtimes)
        .default('openai'),
    )
    .option('--base-url <url>', 'the API root, e.g. http://localhost:8000/v1 (--runtime openai)')
    .option('--model <name>', 'the model the server serves (--runtime openai)')
    .option(
      '--model-path <path>',
      'a model folder (onnxruntime, transformers) or a GGUF file (llama-cpp)',
    )
    .option('--api-key <key>', 'API key (default: $S1_API_KEY or $OPENAI_API_KEY)')
    .addOption(
      new Option('--server <kind>', 'the server, which decides the fields sent')
        .choices(servers)
        .default('vllm'),
    )
    .option(
      '--context-length <tokens>',
      "tokens the model holds, prompt and generation together (default: asked of vLLM, SGLang and llama.cpp servers; the model's config.json in-process)",
    )
    .option(
      '--timeout <seconds>',
      'give up on a server request after this long without a complete response (default 120)',
    )
    .option('--retries <n>', 'retries of a failed server request, said on stderr (default 3)');
}

/** The backend flags, as commander hands them over (strings), checked and converted. */
export const backendFlags = {
  runtime: z.enum(runtimes).default('openai'),
  modelPath: z.string().optional(),
  baseUrl: httpUrl('--base-url', 'http://localhost:8000/v1').optional(),
  model: z.string().min(1, '--model must not be empty').optional(),
  apiKey: z.string().optional(),
  server: z.enum(servers).default('vllm'),
  tokenizer: z.string().optional(),
  contextLength: wholeNumber('--context-length', { min: 1 }).optional(),
  timeout: decimal('--timeout', { above: 0 }).default(120),
  retries: wholeNumber('--retries', { min: 0 }).default(3),
};

export interface BackendFlags {
  runtime: (typeof runtimes)[number];
  modelPath?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
  apiKey?: string | undefined;
  server: (typeof servers)[number];
  contextLength?: number | undefined;
  /** Seconds. */
  timeout: number;
  retries: number;
}

/** Each runtime's required flags. */
export function checkBackendFlags(options: BackendFlags, context: z.RefinementCtx): void {
  if (options.runtime === 'openai') {
    const missing = [
      options.baseUrl === undefined ? '--base-url' : undefined,
      options.model === undefined ? '--model' : undefined,
    ].filter((flag) => flag !== undefined);
    if (missing.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required for --runtime openai (the default): the server's API root and model, e.g. --base-url http://localhost:8000/v1 --model simplescaling/s1.1-32B; or run in-process with --runtime onnxruntime --model-path FOLDER`,
      });
    }
  } else if (options.modelPath === undefined) {
    context.addIssue({
      code: 'custom',
      message: `--model-path is required for --runtime ${options.runtime}`,
    });
  }
}
