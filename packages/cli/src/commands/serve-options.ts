import { z } from 'zod';
import { type BackendFlags, backendFlags, checkBackendFlags } from '../backend-options';
import { httpUrl, wholeNumber, wholeNumbers } from '../flags';
import { checkThinkingBounds, thinkingFlags } from './thinking-flags';

const { baseUrl: _baseUrl, apiKey: _apiKey, ...servedBackendFlags } = backendFlags;

/** The flags of `s1 serve`, as commander hands them over (strings), checked and converted. */
export const serveOptionsSchema = z
  .strictObject({
    ...servedBackendFlags,
    upstream: httpUrl('--upstream', 'http://localhost:8000/v1').optional(),
    upstreamApiKey: z.string().optional(),
    servedModelName: z.string().min(1).optional(),
    host: z.string().min(1).default('127.0.0.1'),
    port: wholeNumber('--port', { min: 0 }).default(8080),
    apiKey: z.string().min(1).optional(),
    chatTemplate: z.string().optional(),
    format: z.enum(['s1', 'think-tags']).default('s1'),
    mode: z.enum(['exact', 'harness', 'readme']).default('exact'),
    maxThinking: wholeNumber('--max-thinking').optional(),
    ...thinkingFlags,
    effortBudgets: wholeNumbers('--effort-budgets')
      .refine((budgets) => budgets.length === 3, {
        message:
          '--effort-budgets takes three budgets, for low, medium and high: e.g. 1024,2048,8192',
      })
      .optional(),
    maxAnswer: wholeNumber('--max-answer', { min: 1 }).optional(),
    concurrency: wholeNumber('--concurrency', { min: 1 }).optional(),
  })
  .transform(({ upstream, upstreamApiKey, ...rest }) => ({
    ...rest,
    // `--upstream` is where a served model runs on an OpenAI-compatible server.
    runtime: upstream === undefined ? rest.runtime : ('openai' as const),
    baseUrl: upstream,
    apiKey: upstreamApiKey,
    clientApiKey: rest.apiKey,
  }))
  .superRefine((options, context) => {
    if (options.runtime === 'openai' && options.baseUrl === undefined) {
      context.addIssue({
        code: 'custom',
        message:
          '--upstream URL --model NAME (an OpenAI-compatible server such as vLLM) or --runtime onnxruntime|transformers|llama-cpp --model-path PATH: say where the model runs',
      });
      return;
    }
    // checkBackendFlags would ask for --base-url, a flag this command calls --upstream.
    if (options.runtime === 'openai' && options.model === undefined) {
      context.addIssue({
        code: 'custom',
        message: '--model NAME is required with --upstream: the model the upstream serves',
      });
      return;
    }
    checkBackendFlags(options as BackendFlags, context);
    checkThinkingBounds(options, context);
  });

export type ServeOptions = z.output<typeof serveOptionsSchema>;
