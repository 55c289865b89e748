import { basename } from 'node:path';
import { createBudgetForcingServer } from '@s1/server';
import type { CliIO } from '../cli-io';
import { parseFlags } from '../flags';
import { createCliBackend } from './create-cli-backend';
import { loadModelFiles } from './model-files';
import { type ServeOptions, serveOptionsSchema } from './serve-options';
import { thinkingOptionsOf } from './thinking-flags';

/**
 * `s1 serve`: an OpenAI-compatible server that gives any OpenAI client s1's thinking control,
 * in front of an upstream server or an in-process model. Prints `listening on URL` first, one
 * line per request on stderr, and runs until SIGINT or SIGTERM.
 */
export async function serve(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseFlags(serveOptionsSchema, rawOptions);
  const { tokenizer, template } = await loadModelFiles(options);
  const backend = await createCliBackend(options, tokenizer, io);
  try {
    const server = createBudgetForcingServer({
      backend,
      model: options.servedModelName ?? servedName(options),
      template,
      format: options.format,
      mode: options.mode,
      thinking: thinkingOptionsOf(options),
      effortBudgets:
        options.effortBudgets === undefined
          ? undefined
          : {
              low: options.effortBudgets[0] as number,
              medium: options.effortBudgets[1] as number,
              high: options.effortBudgets[2] as number,
            },
      answerMaxTokens: options.maxAnswer,
      // An in-process model generates one request at a time; a server batches many.
      maxConcurrentRequests: options.concurrency ?? (options.runtime === 'openai' ? 16 : 1),
      apiKey: options.clientApiKey ?? io.env.S1_SERVE_API_KEY,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    const listening = await server.listen({ port: options.port, host: options.host });
    io.stdout.write(`listening on ${listening.url}\n`);
    await stopped(io.stop ?? processStop());
    await listening.close();
  } finally {
    await backend.close?.();
  }
}

// The upstream's model name, or the model file or folder's name in-process.
function servedName(options: ServeOptions): string {
  if (options.runtime === 'openai') return options.model as string;
  return basename(options.modelPath as string).replace(/\.gguf$/, '');
}

function processStop(): AbortSignal {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return stop.signal;
}

function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
