import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import {
  createScriptedBackend,
  createThinkingScript,
  startVllmCompatibleServer,
} from '@s1/budget-forcing/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import { question, servedModels } from '../test-utils/served-models';
import { createBudgetForcingServer } from './create-budget-forcing-server';

const { backends, listen } = servedModels();
const post = (url: string, body: unknown, init: RequestInit = {}) =>
  fetch(url, { method: 'POST', body: JSON.stringify(body), ...init });

// A streamed request whose minimum (20,000 thinking tokens) only a client that leaves can cut short.
const streamedForever = {
  model: 's1',
  messages: question,
  stream: true,
  min_thinking_tokens: 20_000,
  thinking_token_budget: 30_000,
};

/** The fields of a completion these tests read. */
interface Completion {
  choices: { text?: string; message?: { content: string }; finish_reason: string }[];
  s1: unknown;
  usage: { completion_tokens: number };
}
const completion = async (url: string, body: unknown) =>
  (await (await post(url, body)).json()) as Completion;

describe('createBudgetForcingServer', () => {
  it('should hold min_thinking_tokens ≤ reasoning_tokens ≤ thinking_token_budget for any budgets', async () => {
    const tokenizer = await qwen25Tokenizer();
    // Thoughts without multi-byte characters: no grace tokens to finish a character.
    const model = createThinkingScript({
      tokenizer,
      thoughts: ['\nOne step.\n', ' Another step.\n'],
      filler: ' more',
      answer: 'Done.',
    });
    const backend = createScriptedBackend({ model, tokenizer, variant: 'stepping' });
    const { url } = await listen(backend);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        fc.boolean(),
        async (a, b, streamed) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const response = await post(`${url}/v1/chat/completions`, {
            model: 's1',
            messages: question,
            min_thinking_tokens: min,
            thinking_token_budget: max,
            stream: streamed,
            stream_options: { include_usage: true },
          });
          const text = await response.text();
          const usage = streamed
            ? JSON.parse(
                text
                  .split('\n\n')
                  .filter((event) => event.includes('"usage"'))[0]
                  ?.slice(6) ?? '{}',
              ).usage
            : JSON.parse(text).usage;
          const reasoning = usage.completion_tokens_details.reasoning_tokens;
          expect(response.status).toBe(200);
          expect(reasoning).toBeGreaterThanOrEqual(min);
          expect(reasoning).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('should stop the upstream generation and free the slot when a client goes away before its answer', async () => {
    const tokenizer = await qwen25Tokenizer();
    // A model that never ends its thinking: only the client leaving can stop it.
    const upstream = await startVllmCompatibleServer({
      model: createThinkingScript({
        tokenizer,
        thoughts: ['\nStep.'],
        filler: ' and so on',
        answer: 'x',
      }),
      tokenizer,
    });
    try {
      const backend = createOpenAICompatibleBackend({
        baseURL: upstream.baseURL,
        model: 's1',
        tokenizer,
        server: 'vllm',
      });
      const { url } = await listen(backend, { maxConcurrentRequests: 1 });
      const leaving = new AbortController();
      const response = post(`${url}/v1/chat/completions`, streamedForever, {
        signal: leaving.signal,
      });
      // Leaves once the upstream is generating for it, before the first token comes back.
      while (!upstream.requests.some((request) => request.path === '/v1/completions')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      leaving.abort();
      await expect(response).rejects.toThrow();
      // The one slot is free again: the next request is answered.
      const next = await post(`${url}/v1/chat/completions`, {
        model: 's1',
        messages: question,
        thinking_token_budget: 3,
      });
      expect(next.status).toBe(200);
      await upstream.idle();
      // Had the run gone on without its client, its minimum alone would make 20,000 tokens.
      const generated = upstream.requests.reduce(
        (sum, request) => sum + (request.generatedTokens ?? 0),
        0,
      );
      expect(generated).toBeLessThan(20_000);
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ running: 0, waiting: 0 });
    } finally {
      await upstream.close();
    }
  });

  it('should stop the model and free the slot when a streaming client goes away mid-stream', async () => {
    const tokenizer = await qwen25Tokenizer();
    let steps = 0;
    const endless = createThinkingScript({
      tokenizer,
      thoughts: ['\nStep.'],
      filler: ' on',
      answer: 'x',
    });
    const backend = createScriptedBackend({
      model: (context) => {
        steps++;
        return endless(context);
      },
      tokenizer,
      variant: 'stepping',
    });
    const { url } = await listen(backend, { maxConcurrentRequests: 1 });
    const leaving = new AbortController();
    const response = await post(`${url}/v1/chat/completions`, streamedForever, {
      signal: leaving.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let chunk = 0; chunk < 5; chunk++) await reader.read();
    leaving.abort();
    const next = await post(`${url}/v1/chat/completions`, {
      model: 's1',
      messages: question,
      thinking_token_budget: 3,
    });
    expect(next.status).toBe(200);
    const stepsAfterLeaving = steps;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(steps).toBe(stepsAfterLeaving);
    // Socket buffers hold some steps' text ahead of the reader; the 20,000 asked for are not made.
    expect(stepsAfterLeaving).toBeLessThan(20_000);
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('should budget-force a /v1/completions prompt that opens thinking and pass any other through', async () => {
    const backend = await backends['in-process']();
    const { url } = await listen(backend);
    const templated =
      '<|im_start|>user\nWhat is 17 x 3?<|im_end|>\n<|im_start|>assistant\n<|im_start|>think';
    const forced = await completion(`${url}/v1/completions`, {
      model: 's1',
      prompt: templated,
      thinking_token_budget: 4,
    });
    expect(forced.choices[0]?.text).toMatch(
      /^\n.*\n<\|im_start\|>answer\nFinal Answer: The answer is 51\.$/s,
    );
    expect(forced.s1).toMatchObject({ thinking_tokens: 4, hit_budget: true });
    const raw = await completion(`${url}/v1/completions`, {
      model: 's1',
      prompt: `${templated}\nFirst`,
      max_tokens: 3,
    });
    expect(raw).toMatchObject({ s1: null, choices: [{ finish_reason: 'length' }] });
    expect(raw.usage.completion_tokens).toBe(3);
  });

  it('should list its model, report its health, and require the API key it was given', async () => {
    const backend = await backends['in-process']();
    const { url } = await listen(backend, { apiKey: 'secret' });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/v1/models`)).status).toBe(401);
    const models = await (
      await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer secret' } })
    ).json();
    expect(models).toEqual({
      object: 'list',
      data: [{ id: 's1', object: 'model', created: 0, owned_by: 's1' }],
    });
  });

  it('should serve from an existing Node.js server through its request listener, one log line per request', async () => {
    const backend = await backends['in-process']();
    const lines: string[] = [];
    const server = createBudgetForcingServer({
      backend,
      model: 's1',
      log: (line) => lines.push(line),
    });
    const http = createServer((request, response) => {
      if (request.url?.startsWith('/v1/')) server.requestListener(request, response);
      else response.end('the app');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      expect(await (await fetch(base)).text()).toBe('the app');
      const answer = await completion(`${base}/v1/chat/completions`, {
        model: 's1',
        messages: question,
        thinking_token_budget: 4,
      });
      expect(answer.choices[0]?.message?.content).toBe('Final Answer: The answer is 51.');
      expect(lines).toEqual([
        expect.stringMatching(/^POST \/v1\/chat\/completions 200 thinking=4 \d+ms$/),
      ]);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
