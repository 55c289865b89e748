import { z } from 'zod';

const integer = (name: string) =>
  z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

/** The flags that choose where the model runs, shared by `s1 generate` and `s1 eval`. */
export const backendFlags = {
  runtime: z.enum(['openai', 'onnxruntime', 'transformers', 'llama-cpp']).default('openai'),
  modelPath: z.string().optional(),
  baseUrl: z
    .url({ message: '--base-url must be an absolute URL such as http://localhost:8000/v1' })
    .optional(),
  model: z.string().min(1).optional(),
  apiKey: z.string().optional(),
  server: z.enum(['vllm', 'sglang', 'llama.cpp', 'ollama', 'openai']).default('vllm'),
  tokenizer: z.string().optional(),
  contextLength: integer('--context-length').optional(),
};

export interface BackendFlags {
  runtime: 'openai' | 'onnxruntime' | 'transformers' | 'llama-cpp';
  modelPath?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
  apiKey?: string | undefined;
  server: 'vllm' | 'sglang' | 'llama.cpp' | 'ollama' | 'openai';
  contextLength?: number | undefined;
}

/** Each runtime's required flags. */
export function checkBackendFlags(options: BackendFlags, context: z.RefinementCtx): void {
  if (
    options.runtime === 'openai' &&
    (options.baseUrl === undefined || options.model === undefined)
  ) {
    context.addIssue({
      code: 'custom',
      path: ['baseUrl'],
      message: '--base-url and --model are required for --runtime openai',
    });
  }
  if (options.runtime !== 'openai' && options.modelPath === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['modelPath'],
      message: `--model-path is required for --runtime ${options.runtime}`,
    });
  }
}

/** The flags of `s1 generate`, as commander hands them over (strings), checked and converted. */
export const generateOptionsSchema = z
  .strictObject({
    ...backendFlags,
    raw: z.boolean().optional(),
    maxTokens: integer('--max-tokens').optional(),
    prompt: z.string().optional(),
    system: z.string().optional(),
    chatTemplate: z.string().optional(),
    format: z.enum(['s1', 'think-tags']).default('s1'),
    maxThinking: z.union([z.literal('auto'), integer('--max-thinking')]).optional(),
    minThinking: integer('--min-thinking').optional(),
    ignore: integer('--ignore').optional(),
    continuation: z.array(z.string()).optional(),
    onBudget: z.string().optional(),
    forcedEndText: z.string().optional(),
    wordBoundary: z.boolean().optional(),
    maxAnswer: integer('--max-answer').optional(),
    mode: z.enum(['exact', 'harness', 'readme']).default('exact'),
    temperature: z.string().transform(Number).pipe(z.number().nonnegative()).optional(),
    topP: z.string().transform(Number).pipe(z.number().gt(0).lte(1)).optional(),
    seed: integer('--seed').optional(),
    stream: z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .superRefine(checkBackendFlags);

export type GenerateOptions = z.output<typeof generateOptionsSchema>;
