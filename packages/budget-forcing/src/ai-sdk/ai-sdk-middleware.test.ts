import type { Tokenizer } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { abortAfterResponse } from '../../test-utils/abort-after-response';
import { loopbackServers } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import type { FidelityMode, ThinkingOptions } from '../controller/options';
import { BackendError } from '../errors/backend-error';
import { createOpenAICompatibleBackend } from '../openai/create-openai-compatible-backend';
import { testBackend } from '../testing/vitest/index';
import { aiMajors } from './ai-sdk-majors.test-support';
import { budgetForcingMiddleware } from './budget-forcing-middleware';
import { createAiSdkBackend } from './create-ai-sdk-backend';
import { rawCompletionFetch } from './raw-completion-fetch';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const startServer = loopbackServers();
const question = 'What is 17 × 3?';

/** The same run through the controller and the project's own HTTP backend, as the reference. */
async function direct(baseURL: string, mode: FidelityMode, thinking: ThinkingOptions) {
  const backend = createOpenAICompatibleBackend({
    baseURL,
    model: 's1',
    tokenizer,
    server: 'openai',
  });
  return createBudgetForcing({ backend, mode, thinking }).generate({
    messages: [{ role: 'user', content: question }],
  });
}

// `harness` mode re-sends prompts as token ids, which AI SDK models do not take.
const sweep: { mode: FidelityMode; thinking: ThinkingOptions }[] = [
  { mode: 'exact', thinking: { max: 5 } },
  { mode: 'exact', thinking: { max: 40, ignoreEnd: 1 } },
  { mode: 'exact', thinking: { max: 60, min: 30 } },
  { mode: 'exact', thinking: { max: 400 } },
  { mode: 'readme', thinking: { max: 5 } },
  { mode: 'readme', thinking: { max: 40, ignoreEnd: 1 } },
];

describe.each(aiMajors)('budgetForcingMiddleware on $name', (major) => {
  it('should give the controller’s thinking as reasoning and its answer as text, within budget', async () => {
    for (const { mode, thinking } of sweep) {
      const server = await startServer();
      const reference = await direct(server.baseURL, mode, thinking);
      const before = server.completions().length;
      const outcome = await major.generate(
        { baseURL: server.baseURL },
        { tokenizer, mode, thinking },
        { prompt: question },
      );
      const label = `${mode} ${JSON.stringify(thinking)}`;
      expect({ label, reasoning: outcome.reasoning, text: outcome.text }).toEqual({
        label,
        reasoning: reference.thinking,
        text: reference.answer,
      });
      expect(outcome.s1).toMatchObject({
        thinkingTokens: reference.thinkingTokens,
        rounds: reference.rounds,
        hitBudget: reference.hitBudget,
        thinkingEnd: reference.thinkingEnd,
      });
      if (mode === 'exact') {
        expect(reference.thinkingTokens).toBeLessThanOrEqual(thinking.max as number);
        expect(reference.thinkingTokens).toBeGreaterThanOrEqual(thinking.min ?? 0);
      }
      expect(outcome.reasoningTokens).toBe(reference.thinkingTokens);
      expect(outcome.outputTokens).toBe(reference.usage.generatedTokens);
      const calls = server.completions().slice(before);
      const promptTokens = calls.map((call) => tokenizer.encode(String(call.body.prompt)).length);
      expect(outcome.inputTokens).toBe(promptTokens.reduce((sum, count) => sum + count, 0));
      expect(outcome.finishReason).toBe(reference.finishReason);
    }
  }, 60_000);

  it('should stream reasoning and text parts that add up to the generated result', async () => {
    for (const { mode, thinking } of sweep) {
      const server = await startServer();
      const setup = { baseURL: server.baseURL };
      const generated = await major.generate(
        setup,
        { tokenizer, mode, thinking },
        { prompt: question },
      );
      const streamed = await major.stream(
        setup,
        { tokenizer, mode, thinking },
        { prompt: question },
      );
      expect({ ...streamed, partTypes: [] }).toEqual({ ...generated, warnings: streamed.warnings });
      const types = streamed.partTypes;
      expect(types.indexOf('reasoning-start')).toBeLessThan(types.indexOf('reasoning-end'));
      expect(types.indexOf('reasoning-end')).toBeLessThan(types.indexOf('text-start'));
      expect(types.lastIndexOf('reasoning-delta')).toBeLessThan(types.indexOf('text-delta'));
      expect(types.at(-1)).toBe('finish');
    }
  }, 60_000);

  it('should take per-call thinking options from providerOptions.s1', async () => {
    const server = await startServer();
    const setup = { baseURL: server.baseURL };
    const options = { tokenizer, thinking: { max: 400 } };
    const free = await major.generate(setup, options, { prompt: question });
    const capped = await major.generate(setup, options, {
      prompt: question,
      providerOptions: { s1: { thinking: { max: 6 } } },
    });
    expect(free.s1.hitBudget).toBe(false);
    expect(capped.s1).toMatchObject({ hitBudget: true, thinkingTokens: 6 });
    await expect(
      major.generate(setup, options, {
        prompt: question,
        providerOptions: { s1: { thinking: { max: -1 } } },
      }),
    ).rejects.toThrow(InvalidArgumentError);
  });

  it('should send the rendered prompt as is, with vLLM’s text fields and without the provider’s framing', async () => {
    const server = await startServer();
    await major.generate(
      { baseURL: server.baseURL, raw: { server: 'vllm' } },
      { tokenizer, thinking: { max: 40, ignoreEnd: 1 } },
      { prompt: question },
    );
    const [first, ...rest] = server.completions();
    expect(first?.body.prompt).toBe(
      `<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n<|im_start|>think`,
    );
    expect(first?.body.stop).toEqual(['<|im_start|>']);
    for (const call of [first, ...rest]) {
      expect(call?.body).toMatchObject({
        skip_special_tokens: false,
        include_stop_str_in_output: false,
      });
      expect(String(call?.body.prompt)).not.toMatch(/^user:\n|\n\nassistant:\n$/);
    }
    expect(rest.at(-1)?.body.stop).toBeUndefined();
  });

  it('should refuse a provider that does not send raw prompts, naming the fix', async () => {
    const server = await startServer();
    const attempt = major.generate(
      { baseURL: server.baseURL, raw: false },
      { tokenizer, thinking: { max: 8 } },
      { prompt: question },
    );
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(attempt).rejects.toThrow(/fetch: rawCompletionFetch\(\)/);
    const streamed = major.stream(
      { baseURL: server.baseURL, raw: false },
      { tokenizer, thinking: { max: 8 } },
      { prompt: question },
    );
    await expect(streamed).rejects.toThrow(/fetch: rawCompletionFetch\(\)/);
  });

  it('should reject with the abort signal’s reason, as providers do', async () => {
    const server = await startServer();
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const fetchThenAbort = abortAfterResponse(controller, reason);
    const attempt = major.generate(
      { baseURL: server.baseURL, raw: { fetch: fetchThenAbort } },
      { tokenizer, thinking: { max: 40, ignoreEnd: 2 } },
      { prompt: question, abortSignal: controller.signal },
    );
    await expect(attempt).rejects.toBe(reason);
    expect(server.completions().length).toBe(1);
  });

  it('should warn about tools and left-out reasoning, and refuse file parts', async () => {
    const server = await startServer();
    const model = major.completionModel({ baseURL: server.baseURL });
    const middleware = budgetForcingMiddleware({ tokenizer, thinking: { max: 8 } });
    const params = {
      prompt: [
        { role: 'user' as const, content: [{ type: 'text', text: question }] },
        {
          role: 'assistant' as const,
          content: [
            { type: 'reasoning', text: '17 × 3 is 51.' },
            { type: 'text', text: '51' },
          ],
        },
        { role: 'user' as const, content: [{ type: 'text', text: 'And 17 × 4?' }] },
      ],
      tools: [{ type: 'function', name: 'calculator', inputSchema: { type: 'object' } }],
    };
    const result = await middleware.wrapGenerate({ model, params } as never);
    const warnings = JSON.stringify(result.warnings);
    expect(warnings).toContain('tools');
    expect(warnings).toContain('reasoning of 1 earlier assistant turn(s) was left out');
    expect(server.completions()[0]?.body.prompt).toContain('<|im_start|>assistant\n51<|im_end|>');
    const withFile = {
      prompt: [
        {
          role: 'user' as const,
          content: [{ type: 'file', mediaType: 'image/png', data: 'aGVsbG8=' }],
        },
      ],
    };
    await expect(middleware.wrapGenerate({ model, params: withFile } as never)).rejects.toThrow(
      /the user message has image\/png content/,
    );
  });
});

for (const major of aiMajors) {
  testBackend({
    name: `AI SDK model (${major.name}) over a loopback vLLM server`,
    create: async () => {
      const server = await startServer();
      return createAiSdkBackend({
        model: major.completionModel({ baseURL: server.baseURL }),
        tokenizer: await qwen25Tokenizer(),
      });
    },
  });
}

describe('createAiSdkBackend and budgetForcingMiddleware options', () => {
  it('should refuse a model of another specification and a missing tokenizer, saying what is expected', () => {
    const chatModel = { specificationVersion: 'v1', doGenerate: () => undefined };
    expect(() => createAiSdkBackend({ model: chatModel, tokenizer } as never)).toThrow(
      /specification v2 \(ai 5\) or v3 \(ai 6\)/,
    );
    expect(() => budgetForcingMiddleware({} as never)).toThrow(InvalidArgumentError);
    expect(() => budgetForcingMiddleware({} as never)).toThrow(/loadTokenizer or createTokenizer/);
  });
});

describe('rawCompletionFetch', () => {
  it('should pass requests without the raw-prompt mark through unchanged', async () => {
    const seen: RequestInit[] = [];
    const send = rawCompletionFetch({
      fetch: async (_input, init) => {
        seen.push(init ?? {});
        return new Response('{}');
      },
    });
    const init = { method: 'POST', body: '{"prompt":"user:\\nhi\\n\\nassistant:\\n"}' };
    const response = await send('http://localhost/v1/completions', init);
    expect(seen).toEqual([init]);
    expect(response.headers.has('x-s1-raw-prompt-applied')).toBe(false);
  });

  it('should fail with a typed error when the provider framed the prompt otherwise', async () => {
    const send = rawCompletionFetch({ fetch: async () => new Response('{}') });
    const attempt = send('http://localhost/v1/completions', {
      method: 'POST',
      headers: { 'x-s1-raw-prompt': 'true' },
      body: JSON.stringify({ prompt: 'Human: hi\n\nAssistant:' }),
    });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(attempt).rejects.toThrow(/did not frame the prompt/);
  });
});
