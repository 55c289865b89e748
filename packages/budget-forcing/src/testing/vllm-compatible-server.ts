import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSeededRandom, functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';
import { tokenizerSchema } from '../common/backend-tokenizer';
import { BackendError } from '../errors/backend-error';
import type { StepSession } from '../spec/backend-v1';
import { generateSegmentBySteps } from '../stepping/segments-from-steps';
import { createScriptedBackend } from './scripted-backend';
import type { ScriptedModel } from './scripted-model';

const faultKinds = ['500', 'reset', 'stall', 'malformed'] as const;

/**
 * What a faulty server does to a request: a 500, a connection reset, a stall or a malformed body.
 *
 * @useDeclaredType
 */
export type Fault = (typeof faultKinds)[number];

const serverShape = {
  /** The model the server runs (`createThinkingScript`, …). */
  model: functionSchema<ScriptedModel>(),
  /** The tokenizer of the model's ids, for prompts sent as text and for `/tokenize`. */
  tokenizer: tokenizerSchema,
  /** A seeded share (`rate`, 0–1) of requests gets one of `kinds` (all by default). */
  faults: z
    .strictObject({
      /** The share of requests that get a fault, 0–1. */
      rate: z.number().min(0).max(1),
      /** Seed of the draws, so a run's faults are reproducible. */
      seed: z.number().int(),
      /** The faults drawn from. @default all four */
      kinds: z.array(z.enum(faultKinds)).min(1).readonly().optional(),
    })
    .optional(),
  /** The name requests must use (vLLM's `--served-model-name`). @default 's1' */
  servedModelName: z.string().min(1).optional(),
  /** Prompt and generated tokens together (vLLM's `--max-model-len`). @default 32768 */
  maxModelLen: z.number().int().positive().optional(),
};

const optionsSchema = z.strictObject(serverShape);

/**
 * Options of {@link startVllmCompatibleServer}.
 *
 * @useDeclaredType
 */
export type VllmCompatibleServerOptions = OptionsOf<typeof serverShape>;

/** A request the vLLM-compatible server received, and what became of it. */
export interface RecordedRequest {
  /** The request's URL path, e.g. `/v1/completions`. */
  path: string;
  /** The parsed JSON body (empty for a request without one). */
  body: Record<string, unknown>;
  /** The fault the request got, if any. */
  fault: Fault | undefined;
  /** The completion's token ids, for /v1/completions answered without a fault. */
  tokenIds?: number[] | undefined;
  /** The completion's text, for /v1/completions answered without a fault. */
  text?: string | undefined;
  /** The error message, for a request refused as vLLM refuses it (unknown model, beyond the context). */
  refused?: string | undefined;
  /** Tokens generated so far, for /v1/completions; it stops growing when the client goes away. */
  generatedTokens?: number | undefined;
  /** The client closed the connection before the completion was sent; generation stopped there. */
  aborted?: boolean | undefined;
}

/**
 * A loopback server (127.0.0.1, a free port) that speaks vLLM's `/v1/completions`, `/v1/models`
 * and `/tokenize` over a scripted model, with vLLM's semantics (prompt as text or ids, `stop`,
 * `stop_token_ids`, `min_tokens`, `return_token_ids`, `stop_reason`, SSE streaming) and vLLM's
 * request validation: an unknown model is a 404, and a prompt plus `max_tokens` beyond
 * `maxModelLen` is a 400 with vLLM's message. Like vLLM, it stops generating for a client that
 * goes away (`aborted` in the record). With `faults`, a seeded share of requests gets a 500, a
 * connection reset, a stall or a malformed body.
 */
export async function startVllmCompatibleServer(options: VllmCompatibleServerOptions) {
  validate(optionsSchema, options, 'vLLM-compatible server options');
  const { model, tokenizer, faults, servedModelName = 's1', maxModelLen = 32768 } = options;
  const backend = createScriptedBackend({ model, tokenizer, variant: 'stepping' });
  const requests: RecordedRequest[] = [];
  const stalled = new Set<ServerResponse>();
  const handling = new Set<Promise<unknown>>();
  const nextRandom = createSeededRandom(faults?.seed ?? 1).uniform;
  const pickFault = (): Fault | undefined => {
    if (faults === undefined || nextRandom() >= faults.rate) return undefined;
    const kinds = faults.kinds ?? faultKinds;
    return kinds[Math.floor(nextRandom() * kinds.length)];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const text = await readBody(request);
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    const path = request.url ?? '';
    const fault = faultablePaths.has(path) ? pickFault() : undefined;
    const record: RecordedRequest = { path, body, fault };
    requests.push(record);
    if (fault === '500') return send(response, 500, { error: 'injected failure' });
    if (fault === 'reset') return request.socket.destroy();
    if (fault === 'stall') return void stalled.add(response);

    if (path === '/v1/models' && request.method === 'GET') {
      const card = {
        id: servedModelName,
        object: 'model',
        created: 0,
        owned_by: 'vllm',
        root: servedModelName,
        parent: null,
        max_model_len: maxModelLen,
      };
      return send(response, 200, { object: 'list', data: [card] }, fault);
    }
    if (path === '/tokenize') {
      const tokens = tokenizer.encode(String(body.prompt));
      return send(
        response,
        200,
        { tokens, count: tokens.length, max_model_len: maxModelLen },
        fault,
      );
    }
    if (path !== '/v1/completions') return send(response, 404, { error: `no route ${path}` });
    const refuse = (status: number, type: string, message: string) => {
      record.refused = message;
      send(response, status, { error: { message, type, param: null, code: status } });
    };
    if (body.model !== servedModelName) {
      return refuse(404, 'NotFoundError', `The model \`${String(body.model)}\` does not exist.`);
    }

    const prompt = body.prompt;
    const promptIds = Array.isArray(prompt)
      ? (prompt as number[])
      : tokenizer.encode(String(prompt));
    const maxTokens = Number(body.max_tokens ?? 16);
    const contextError = contextLengthError(promptIds.length, maxTokens, maxModelLen);
    if (contextError !== undefined) return refuse(400, 'BadRequestError', contextError);
    const session = await backend.open?.({ promptIds });
    if (session === undefined)
      throw new BackendError({
        provider: 'loopback-vllm',
        message: 'the scripted backend must step',
      });
    const disconnected = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) disconnected.abort();
    });
    record.generatedTokens = 0;
    const counted: StepSession = {
      ...session,
      sample: async (options) => {
        // A real server generates over time: a turn of the event loop per token lets a client's
        // disconnect arrive mid-generation, as it does in vLLM.
        await new Promise((resolve) => setImmediate(resolve));
        const id = await session.sample(options);
        record.generatedTokens = (record.generatedTokens ?? 0) + 1;
        return id;
      },
    };
    const stream = body.stream === true;
    if (stream) response.writeHead(200, { 'content-type': 'text/event-stream' });
    const result = await generateSegmentBySteps(
      counted,
      backend.tokenizer,
      {
        signal: disconnected.signal,
        maxTokens,
        minTokens: Number(body.min_tokens ?? 0),
        stop: {
          strings: (body.stop as string[] | undefined) ?? [],
          tokenIds: (body.stop_token_ids as number[] | undefined) ?? [],
        },
        onDelta: stream
          ? ({ text }) =>
              response.write(
                `data: ${JSON.stringify({ choices: [{ index: 0, text, finish_reason: null }] })}\n\n`,
              )
          : undefined,
      },
      'loopback-vllm',
    ).catch((error: unknown) => {
      if (!disconnected.signal.aborted) throw error;
      record.aborted = true;
      return undefined;
    });
    if (result === undefined) return;
    record.tokenIds = result.tokenIds;
    record.text = result.text;
    const choice = {
      index: 0,
      text: stream ? '' : result.text,
      finish_reason: result.finishReason,
      stop_reason: result.stopReason ?? null,
      ...(body.return_token_ids === true ? { token_ids: result.tokenIds } : {}),
    };
    const usage = {
      prompt_tokens: promptIds.length,
      completion_tokens: result.completionTokens,
      total_tokens: promptIds.length + result.completionTokens,
    };
    if (!stream)
      return send(
        response,
        200,
        {
          id: 'cmpl-loopback',
          object: 'text_completion',
          model: body.model,
          choices: [choice],
          usage,
        },
        fault,
      );
    response.write(`data: ${JSON.stringify({ choices: [choice] })}\n\n`);
    response.write(`data: ${JSON.stringify({ choices: [], usage })}\n\n`);
    response.end('data: [DONE]\n\n');
  };

  const server = createServer((request, response) => {
    const handled = handle(request, response).catch((error) => {
      if (response.headersSent) response.destroy();
      else send(response, 500, { error: String(error) });
    });
    handling.add(handled);
    handled.finally(() => handling.delete(handled));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The API root to give a client, `http://127.0.0.1:<port>/v1`. */
    baseURL: `http://127.0.0.1:${port}/v1`,
    /** Every request received, in order, as it was handled. */
    requests,
    /** Settles once no request is being handled (stalled ones aside). */
    idle: async () => {
      while (handling.size > 0) await Promise.all(handling);
    },
    /** Completion requests answered (without a fault, a refusal or the client going away), in order. */
    completions: () =>
      requests.filter(
        (request) =>
          request.fault === undefined &&
          request.refused === undefined &&
          request.aborted !== true &&
          request.path === '/v1/completions',
      ),
    /** Drops stalled and open connections and stops the server. */
    close: async () => {
      for (const response of stalled) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const faultablePaths = new Set(['/v1/completions', '/v1/models', '/tokenize']);

// vLLM's validation of a completion request against the context, with its messages.
function contextLengthError(
  promptTokens: number,
  maxTokens: number,
  maxModelLen: number,
): string | undefined {
  if (promptTokens >= maxModelLen) {
    return `This model's maximum context length is ${maxModelLen} tokens. However, your request has ${promptTokens} input tokens. Please reduce the length of the input messages.`;
  }
  if (maxTokens > maxModelLen - promptTokens) {
    return `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${maxModelLen} tokens and your request has ${promptTokens} input tokens (${maxTokens} > ${maxModelLen} - ${promptTokens}).`;
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: unknown, fault?: Fault) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(fault === 'malformed' ? text.slice(0, Math.floor(text.length / 2)) : text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      data += chunk;
    });
    request.on('end', () => resolve(data));
    request.on('error', reject);
  });
}
