import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { validate } from '@s1/errors';
import { Hono } from 'hono';
import { RequestError } from './openai/request-error';
import { toRequestError } from './openai/to-request-error';
import { readJsonBody } from './read-request';
import { createRequestSlots } from './request-slots';
import { checkBearerToken } from './routes/bearer-token';
import { chatCompletions } from './routes/chat-completions';
import { completions } from './routes/completions';
import type { Generation, Run } from './routes/generation';
import { type ServedModel, servedModel } from './served-model';
import { type BudgetForcingServerOptions, serverOptionsSchema } from './server-options';

/** An OpenAI-compatible budget-forcing server; see {@link createBudgetForcingServer}. */
export interface BudgetForcingServer {
  /** The server as a fetch handler (`Request` → `Response`): mount it in any framework. */
  fetch(request: Request): Promise<Response>;
  /** The server as a Node.js request listener, for `http.createServer` or Express. */
  requestListener(request: IncomingMessage, response: ServerResponse): void;
  /** Listens on `host` (127.0.0.1 by default) and `port` (0: a free one). */
  listen(options?: { port?: number; host?: string }): Promise<ListeningServer>;
}

/** A server listening on a port. */
export interface ListeningServer {
  /** `http://HOST:PORT`, the root clients use (their base URL is `${url}/v1`). */
  url: string;
  /** Stops accepting connections and aborts the generations under way. */
  close(): Promise<void>;
}

// A route checks its request at once (a bad one never waits for a slot) and returns its run.
type Route = (body: unknown, model: ServedModel) => Run;

/**
 * An OpenAI-compatible server that gives every OpenAI client s1's control of thinking over any
 * backend: `POST /v1/chat/completions` (streamed or not), `POST /v1/completions`,
 * `GET /v1/models` and `GET /health`. Requests carry their thinking controls in the names
 * clients already send (`thinking_token_budget`, `reasoning_effort`, `thinking.budget_tokens`)
 * and s1's own (`min_thinking_tokens`, `num_ignore`, `continuation`, `final_answer_prefix`).
 *
 * @example
 * const server = createBudgetForcingServer({ backend: createOpenAICompatibleBackend({ baseURL, model }) });
 * const { url } = await server.listen({ port: 8080 });
 * // any OpenAI client: new OpenAI({ baseURL: `${url}/v1` })
 */
export function createBudgetForcingServer(
  options: BudgetForcingServerOptions,
): BudgetForcingServer {
  validate(serverOptionsSchema, options, 'createBudgetForcingServer options');
  const model = servedModel(options);
  const slots = createRequestSlots({
    maxConcurrent: options.maxConcurrentRequests ?? 16,
    maxQueued: options.maxQueuedRequests ?? 256,
  });
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const log = options.log ?? (() => undefined);
  // Generations under way, so that closing the server can abort them.
  const running = new Set<AbortController>();

  const generate = (route: Route) => async (request: Request) => {
    const started = performance.now();
    const stop = new AbortController();
    const signal = AbortSignal.any([request.signal, stop.signal]);
    const path = new URL(request.url).pathname;
    const line = (status: number | string, thinkingTokens?: number) =>
      log(
        `${request.method} ${path} ${status}${thinkingTokens === undefined ? '' : ` thinking=${thinkingTokens}`} ${Math.round(performance.now() - started)}ms`,
      );
    let release: (() => void) | undefined;
    let streaming = false;
    let finished = false;
    const generation: Generation = {
      signal,
      streaming: () => {
        streaming = true;
      },
      finish: ({ thinkingTokens, error }) => {
        if (finished) return;
        finished = true;
        running.delete(stop);
        release?.();
        // 499: nginx's status for a client that closed the connection before the response.
        if (signal.aborted) line(request.signal.aborted ? 499 : 503, thinkingTokens);
        else line(error === undefined ? 200 : toRequestError(error).status, thinkingTokens);
      },
    };
    try {
      const run = route(await readJsonBody(request, maxBodyBytes), model);
      release = await slots.acquire(signal);
      running.add(stop);
      const response = await run(generation);
      if (!streaming) generation.finish({});
      return response;
    } catch (error) {
      generation.finish({ error });
      return errorResponse(error);
    }
  };

  const app = new Hono();
  app.use('/v1/*', async (context, next) => {
    const refused = checkBearerToken(context.req.raw, options.apiKey);
    if (refused !== undefined) {
      log(`${context.req.method} ${context.req.path} 401`);
      return errorResponse(refused);
    }
    await next();
  });
  app.get('/health', (context) => context.json({ status: 'ok', model: model.name, ...slots.load }));
  app.get('/v1/models', (context) =>
    context.json({
      object: 'list',
      data: [{ id: model.name, object: 'model', created: 0, owned_by: 's1' }],
    }),
  );
  app.post('/v1/chat/completions', (context) => generate(chatCompletions)(context.req.raw));
  app.post('/v1/completions', (context) => generate(completions)(context.req.raw));
  app.notFound((context) =>
    errorResponse(
      new RequestError({
        status: 404,
        message: `no route ${context.req.method} ${context.req.path}; this server offers POST /v1/chat/completions, POST /v1/completions, GET /v1/models and GET /health`,
      }),
    ),
  );
  app.onError((error) => errorResponse(error));

  const fetch = async (request: Request) => app.fetch(request);
  // Without `overrideGlobalObjects`, the adapter would replace the process's global Request
  // and Response: a library must not.
  const requestListener = getRequestListener(fetch, { overrideGlobalObjects: false });

  return {
    fetch,
    requestListener,
    async listen({ port = 0, host = '127.0.0.1' } = {}) {
      const server = createServer(requestListener);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return {
        url: `http://${shownHost}:${address.port}`,
        close: async () => {
          for (const generation of running) generation.abort(new Error('the server is closing'));
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

function errorResponse(error: unknown): Response {
  const refused = toRequestError(error);
  return Response.json(refused.toJSON(), { status: refused.status });
}
