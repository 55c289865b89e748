import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tokenizer } from '@s1/chat-template';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loopbackServers } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import type { FidelityMode, ThinkingOptions } from '../controller/options';
import { BackendError } from '../errors/backend-error';
import { createOpenAICompatibleBackend } from './create-openai-compatible-backend';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const server = loopbackServers();
const prompt = '<|im_start|>user\nWhat is 17 × 3?<|im_end|>\n<|im_start|>assistant\n';
const maxModelLen = 96;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

// A server that answers GET `path` with `body` and 404 to everything else.
async function staticServer(path: string, body: unknown): Promise<string> {
  const http = createServer((request, response) => {
    response.writeHead(request.url === path ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.url === path ? body : { error: 'not found' }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => http.close(() => resolve())));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
}

describe('the model context over HTTP', () => {
  const modes: FidelityMode[] = ['exact', 'harness', 'readme'];
  const budgets: [string, ThinkingOptions][] = [
    ['default budgets', {}],
    ['max auto', { max: 'auto' }],
    ['max auto and 1 end ignored', { max: 'auto', ignoreEnd: 1 }],
  ];
  it.each(modes.flatMap((mode) => budgets.map(([name, thinking]) => [mode, name, thinking])))(
    'should fit every request of %s mode with %s into a server that checks the context as vLLM does',
    async (mode, _name, thinking) => {
      const loopback = await server(undefined, { maxModelLen });
      const backend = createOpenAICompatibleBackend({
        baseURL: loopback.baseURL,
        model: 's1',
        tokenizer,
      });
      const result = await createBudgetForcing({
        backend,
        mode: mode as FidelityMode,
        thinking: thinking as ThinkingOptions,
      }).generate({ prompt });
      expect(result.answer).toContain('51');
      for (const request of loopback.completions()) {
        const promptTokens = Array.isArray(request.body.prompt)
          ? request.body.prompt.length
          : tokenizer.encode(String(request.body.prompt)).length;
        expect(promptTokens + Number(request.body.max_tokens)).toBeLessThanOrEqual(maxModelLen);
      }
      expect(loopback.requests.filter((request) => request.path === '/v1/models')).toHaveLength(1);
    },
  );

  it("should be refused with vLLM's 400 and message when a request does not fit", async () => {
    const loopback = await server(undefined, { maxModelLen });
    const response = await fetch(`${loopback.baseURL}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 's1', prompt, max_tokens: 32768 }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(
      /^'max_tokens' or 'max_completion_tokens' is too large: 32768\. This model's maximum context length is 96 tokens and your request has \d+ input tokens/,
    );
  });

  it('should learn the context from a refusal that names it, once, where the server does not report it', async () => {
    const loopback = await server(undefined, { maxModelLen });
    // The `openai` profile asks no endpoint for the context.
    const backend = createOpenAICompatibleBackend({
      baseURL: loopback.baseURL,
      model: 's1',
      tokenizer,
      server: 'openai',
    });
    await expect(backend.contextLength?.()).resolves.toBeUndefined();
    const controller = createBudgetForcing({ backend, thinking: { max: 8 } });
    const first = await controller.generate({ prompt });
    const second = await controller.generate({ prompt });
    expect(second).toEqual(first);
    expect(first.answer).toContain('51');
    await expect(backend.contextLength?.()).resolves.toBe(maxModelLen);
    expect(loopback.requests.filter((request) => request.refused !== undefined)).toHaveLength(1);
  });

  it('should name the models the server serves when the model name is wrong', async () => {
    const loopback = await server();
    const backend = createOpenAICompatibleBackend({
      baseURL: loopback.baseURL,
      model: 's1-32B',
      tokenizer,
    });
    const run = createBudgetForcing({ backend }).generate({ prompt });
    await expect(run).rejects.toThrow(BackendError);
    await expect(run).rejects.toThrow('the server has no model named "s1-32B"; it serves "s1"');
  });

  it("should read the context from llama.cpp's /props", async () => {
    const baseURL = await staticServer('/props', {
      default_generation_settings: { n_ctx: 2048 },
      total_slots: 1,
    });
    const backend = createOpenAICompatibleBackend({ baseURL, model: 'any', server: 'llama.cpp' });
    await expect(backend.contextLength?.()).resolves.toBe(2048);
  });

  it('should leave the context unknown where the server does not report it, and take it from the options', async () => {
    const baseURL = await staticServer('/elsewhere', {});
    const silent = createOpenAICompatibleBackend({ baseURL, model: 'any', server: 'llama.cpp' });
    await expect(silent.contextLength?.()).resolves.toBeUndefined();
    const ollama = createOpenAICompatibleBackend({ baseURL, model: 'any', server: 'ollama' });
    await expect(ollama.contextLength?.()).resolves.toBeUndefined();
    const given = createOpenAICompatibleBackend({ baseURL, model: 'any', contextLength: 4096 });
    await expect(given.contextLength?.()).resolves.toBe(4096);
  });
});
