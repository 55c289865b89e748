import { type BackendV1, createSteppingBackend } from '@s1/budget-forcing';
import type { CliIO } from './cli-io';

export interface GenerationProgressOptions {
  /** Nothing is shown for generations shorter than this. @default 2000 */
  quietMs?: number | undefined;
  /** How often the status is written: rewritten in place on a terminal, a new line otherwise. */
  intervalMs?: number | undefined;
}

/**
 * Watches a backend for `s1 generate`: counts the tokens it generates (each sampled token when it
 * steps, each finished request's tokens when it only generates segments) and, once a generation
 * has run for a while, writes the count, the speed and the time on stderr, so a long run is never
 * silent. `stop()` ends the status line.
 */
export async function watchGeneration(
  backend: BackendV1,
  io: CliIO,
  options: GenerationProgressOptions = {},
): Promise<{ backend: BackendV1; stop(): void }> {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const quietMs = options.quietMs ?? 2000;
  const started = Date.now();
  let tokens = 0;
  let requests = 0;
  let shown = false;

  const { open, generate } = backend;
  let watched: BackendV1;
  if (open !== undefined) {
    // Segments are rebuilt on the counting sessions, so long ones show progress as they go.
    watched = createSteppingBackend({
      provider: backend.provider,
      modelId: backend.modelId,
      tokenizer: backend.tokenizer,
      contextLength: await backend.contextLength?.(),
      open: async (request) => {
        const session = await open.call(backend, request);
        return {
          ...session,
          sample: async (sampleOptions) => {
            const id = await session.sample(sampleOptions);
            tokens++;
            return id;
          },
        };
      },
    });
  } else {
    watched = {
      ...backend,
      contextLength: backend.contextLength?.bind(backend),
      generate:
        generate &&
        (async (request) => {
          const result = await generate.call(backend, request);
          tokens += result.completionTokens;
          requests++;
          return result;
        }),
    };
  }

  const show = () => {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed * 1000 < quietMs) return;
    const rate = Math.round(tokens / elapsed);
    const running = open === undefined ? ` · request ${requests + 1} running` : '';
    const status = `generating: ${tokens.toLocaleString('en-US')} tokens · ${rate} tokens/s · ${Math.round(elapsed)} s${running}`;
    io.stderr.write(terminal ? `\r\u001b[2K${status}` : `${status}\n`);
    shown = true;
  };
  const timer = setInterval(show, options.intervalMs ?? (terminal ? 500 : 10_000));
  timer.unref();
  return {
    backend: watched,
    stop: () => {
      clearInterval(timer);
      if (shown && terminal) io.stderr.write('\r\u001b[2K');
    },
  };
}
