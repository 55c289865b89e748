import { type Command, Option } from 'commander';
import { z } from 'zod';
import { decimal, httpUrl, wholeNumber } from './flags';

const runtimes = ['openai', 'onnxruntime', 'transformers', 'llama-cpp'] as const;
const servers = ['vllm', 'sglang', 'llama.cpp', 'ollama', 'openai'] as const;

/** A backend flag: how commander declares it, and how its value is checked and converted. */
interface BackendFlag {
  /** A new declaration for each command that takes the flag. */
  option: () => Option;
  schema: z.ZodType;
}

// The one declaration of the flags that choose where the model runs, for `s1 generate` and
// `s1 eval` alike.
const backendFlagTable = {
  runtime: {
    option: () =>
      new Option(
        '--runtime <runtime>',
        'where the model runs: an OpenAI-compatible server, or in-process',
      )
        .choices(runtimes)
        .default('openai'),
    schema: z.enum(runtimes).default('openai'),
  },
  baseUrl: {
    option: () =>
      new Option(
        '--base-url <url>',
        'the API root, e.g. http://localhost:8000/v1 (--runtime openai)',
      ),
    schema: httpUrl('--base-url', 'http://localhost:8000/v1').optional(),
  },
  model: {
    option: () => new Option('--model <name>', 'the model the server serves (--runtime openai)'),
    schema: z.string().min(1, '--model must not be empty').optional(),
  },
  modelPath: {
    option: () =>
      new Option(
        '--model-path <path>',
        'a model folder (onnxruntime, transformers) or a GGUF file (llama-cpp)',
      ),
    schema: z.string().optional(),
  },
  apiKey: {
    option: () =>
      new Option('--api-key <key>', 'API key (default: $S1_API_KEY or $OPENAI_API_KEY)'),
    schema: z.string().optional(),
  },
  server: {
    option: () =>
      new Option('--server <kind>', 'the server, which decides the fields sent')
        .choices(servers)
        .default('vllm'),
    schema: z.enum(servers).default('vllm'),
  },
  contextLength: {
    option: () =>
      new Option(
        '--context-length <tokens>',
        "tokens the model holds, prompt and generation together (default: asked of vLLM, SGLang and llama.cpp servers; the model's config.json in-process)",
      ),
    schema: wholeNumber('--context-length', { min: 1 }).optional(),
  },
  threads: {
    option: () =>
      new Option(
        '--threads <n>',
        'CPU threads of an in-process runtime (default: the CPUs this process may use)',
      ),
    schema: wholeNumber('--threads', { min: 1 }).optional(),
  },
  timeout: {
    option: () =>
      new Option(
        '--timeout <seconds>',
        'give up on a server request after this long without a complete response (default 120)',
      ),
    schema: decimal('--timeout', { above: 0 }).default(120),
  },
  retries: {
    option: () =>
      new Option('--retries <n>', 'retries of a failed server request, said on stderr (default 3)'),
    schema: wholeNumber('--retries', { min: 0 }).default(3),
  },
} satisfies Record<string, BackendFlag>;

type BackendFlagSchemas = {
  [Flag in keyof typeof backendFlagTable]: (typeof backendFlagTable)[Flag]['schema'];
};

/**
 * The options that choose where the model runs, shared by `s1 generate`, `s1 eval` and
 * `s1 serve` (which names the upstream's URL and key its own way: `omit` leaves flags out).
 */
export function addBackendOptions(
  command: Command,
  omit: readonly (keyof typeof backendFlagTable)[] = [],
): Command {
  for (const [name, flag] of Object.entries(backendFlagTable)) {
    if (!omit.includes(name as keyof typeof backendFlagTable)) command.addOption(flag.option());
  }
  return command;
}

/**
 * The backend flags, as commander hands them over (strings), checked and converted; with
 * `--tokenizer`, which each command declares with its own default.
 */
export const backendFlags = {
  ...(Object.fromEntries(
    Object.entries(backendFlagTable).map(([name, flag]) => [name, flag.schema]),
  ) as BackendFlagSchemas),
  tokenizer: z.string().optional(),
};

/** The backend flags once checked. */
export type BackendFlags = z.output<z.ZodObject<BackendFlagSchemas>>;

/** Each runtime's required flags, and no flag that applies to another kind of runtime. */
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
    if (options.threads !== undefined) {
      context.addIssue({
        code: 'custom',
        message:
          '--threads applies to in-process runtimes (--runtime onnxruntime, transformers or llama-cpp); with --runtime openai the server decides its threads',
      });
    }
  } else if (options.modelPath === undefined) {
    context.addIssue({
      code: 'custom',
      message: `--model-path is required for --runtime ${options.runtime}`,
    });
  }
}
