import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { loopbackServers, thoughts } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import type { BudgetForcingEvent } from '../controller/result';
import { GenerationAbortedError } from '../errors/abort-error';
import { RetryError } from '../errors/api-call-error';
import { sampleN } from '../parallel/sample-n';
import { testBackend } from '../testing/vitest/index';
import { createOpenAICompatibleBackend } from './create-openai-compatible-backend';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const server = loopbackServers();
const prompt = '<|im_start|>user\nWhat is 17 × 3?<|im_end|>\n<|im_start|>assistant\n';

const quickRetries = { initialDelayMs: 2, maxDelayMs: 20 };

describe('createOpenAICompatibleBackend', () => {
  it('should give identical results through 30% injected faults (500s, resets, stalls, malformed JSON)', async () => {
    const clean = await server();
    const faulty = await server({ rate: 0.3, seed: 7 });
    const runAll = (baseURL: string) => {
      const backend = createOpenAICompatibleBackend({
        baseURL,
        model: 's1',
        tokenizer,
        retry: { ...quickRetries, maxRetries: 8, timeoutMs: 400 },
      });
      return sampleN({
        n: 200,
        concurrency: 16,
        run: (index) =>
          createBudgetForcing({
            backend,
            thinking: { max: 4 + (index % 25), ignoreEnd: index % 3 },
          }).generate({ prompt }),
      });
    };
    const [expected, actual] = [await runAll(clean.baseURL), await runAll(faulty.baseURL)];
    expect(actual).toEqual(expected);
    const injected = faulty.requests.filter((request) => request.fault !== undefined);
    const kinds = new Set(injected.map((request) => request.fault));
    expect(kinds).toEqual(new Set(['500', 'reset', 'stall', 'malformed']));
    expect(injected.length / faulty.requests.length).toBeGreaterThan(0.2);
  }, 60_000);

  it('should fail with a typed error naming the server and the attempts when every attempt fails', async () => {
    const broken = await server({ rate: 1, seed: 1, kinds: ['500'] });
    const backend = createOpenAICompatibleBackend({
      baseURL: broken.baseURL,
      model: 's1',
      tokenizer,
      retry: { ...quickRetries, maxRetries: 2 },
      // Known, so the first request is the completion rather than /v1/models.
      contextLength: 32768,
    });
    const attempt = createBudgetForcing({ backend }).generate({ prompt });
    await expect(attempt).rejects.toThrow(RetryError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`${broken.baseURL}/completions failed after 3 attempts.*HTTP 500`),
    );
  });

  it('should not retry a server that does not speak the protocol', async () => {
    const wrongPath = await server();
    const backend = createOpenAICompatibleBackend({
      baseURL: wrongPath.baseURL.replace(/\/v1$/, '/api'),
      model: 's1',
      tokenizer,
      retry: quickRetries,
    });
    const attempt = createBudgetForcing({ backend }).generate({ prompt });
    await expect(attempt).rejects.toMatchObject({ name: 'S1_RetryError', attempts: 1 });
    await expect(attempt).rejects.toThrow(/no such endpoint; is this an OpenAI-compatible server/);
  });

  it('should stream thinking and answer deltas over SSE', async () => {
    const streaming = await server();
    const backend = createOpenAICompatibleBackend({
      baseURL: streaming.baseURL,
      model: 's1',
      tokenizer,
    });
    const events: BudgetForcingEvent[] = [];
    for await (const event of createBudgetForcing({ backend, thinking: { ignoreEnd: 1 } }).stream({
      prompt,
    })) {
      events.push(event);
    }
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('the stream must end with done');
    const text = (type: BudgetForcingEvent['type']) =>
      events
        .flatMap((event) => (event.type === type && 'text' in event ? [event.text] : []))
        .join('');
    expect(text('thinking-delta') + text('continuation')).toBe(`${thoughts[0]}${thoughts[1]}Wait`);
    expect(events.map((event) => event.type)).toContain('continuation');
    expect(text('answer-delta')).toBe('\nThe answer is 51.');
    expect(done.result.answer).toBe('The answer is 51.');
    expect(streaming.completions().every((request) => request.body.stream === true)).toBe(true);
  });

  it('should tokenize with the server when no local tokenizer is given', async () => {
    const remote = await server();
    const backend = createOpenAICompatibleBackend({ baseURL: remote.baseURL, model: 's1' });
    const result = await createBudgetForcing({ backend, thinking: { max: 6 } }).generate({
      prompt,
    });
    expect(result.thinkingTokens).toBe(6);
    expect(remote.requests.some((request) => request.path === '/tokenize')).toBe(true);
  });

  it('should stop with GenerationAbortedError when the signal fires', async () => {
    const stalling = await server({ rate: 1, seed: 1, kinds: ['stall'] });
    const backend = createOpenAICompatibleBackend({
      baseURL: stalling.baseURL,
      model: 's1',
      tokenizer,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(
      createBudgetForcing({ backend }).generate({ prompt, signal: controller.signal }),
    ).rejects.toThrow(GenerationAbortedError);
  });

  it('should send the server-side thinking cap where the server has one', async () => {
    const capped = await server();
    const backend = createOpenAICompatibleBackend({
      baseURL: capped.baseURL,
      model: 's1',
      tokenizer,
      serverThinkingBudget: 512,
    });
    await createBudgetForcing({ backend }).generate({ prompt });
    expect(capped.completions()[0]?.body).toMatchObject({
      thinking_token_budget: 512,
      skip_special_tokens: false,
      spaces_between_special_tokens: false,
      return_token_ids: true,
    });
  });
});

testBackend({
  name: 'OpenAI-compatible over a loopback vLLM server',
  create: async () =>
    createOpenAICompatibleBackend({
      baseURL: (await server()).baseURL,
      model: 's1',
      tokenizer: await qwen25Tokenizer(),
    }),
});
