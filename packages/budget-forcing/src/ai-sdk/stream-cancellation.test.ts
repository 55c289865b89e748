import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { abortAfterResponse } from '../../test-utils/abort-after-response';
import { loopbackServers } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createCyclicModel } from '../testing/index';
import { turns } from '../testing/vitest/check';
import { aiMajors } from './ai-sdk-majors.test-support';
import { budgetForcingMiddleware } from './budget-forcing-middleware';
import { rawCompletionFetch } from './raw-completion-fetch';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const startServer = loopbackServers();
const budget = 2000;

// A server whose model never ends thinking: only the budget, or the caller, stops it.
async function endlessServer() {
  const server = await startServer(undefined, {
    model: createCyclicModel(tokenizer.encode(' one two three')),
  });
  const completion = () => server.requests.find((request) => request.path === '/v1/completions');
  return { server, completion };
}

describe.each(aiMajors)('leaving a budget-forced stream on $name', (major) => {
  it('should abort the request when the stream is cancelled, so the server stops generating', async () => {
    const { server, completion } = await endlessServer();
    const middleware = budgetForcingMiddleware({ tokenizer, thinking: { max: budget } });
    const model = major.completionModel({ baseURL: server.baseURL });
    const params = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Count.' }] }] };
    const { stream } = await middleware.wrapStream({ model, params } as never);
    const reader = stream.getReader();
    for (;;) {
      const { value } = await reader.read();
      if ((value as { type?: string } | undefined)?.type === 'reasoning-delta') break;
    }
    await reader.cancel(new Error('the reader left'));
    await server.idle();
    expect(completion()?.aborted).toBe(true);
    expect(completion()?.generatedTokens).toBeLessThan(budget / 10);
  });

  it('should abort a request still waiting for the server when the stream is cancelled', async () => {
    const server = await startServer({ rate: 1, seed: 1, kinds: ['stall'] });
    const signals: AbortSignal[] = [];
    const recording = rawCompletionFetch({
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    const middleware = budgetForcingMiddleware({ tokenizer, thinking: { max: budget } });
    const model = major.completionModel({ baseURL: server.baseURL, raw: { fetch: recording } });
    const params = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Count.' }] }] };
    const { stream } = await middleware.wrapStream({ model, params } as never);
    const reader = stream.getReader();
    // `stream-start` and `reasoning-start` come before the run; reading them starts it.
    expect((await reader.read()).value).toMatchObject({ type: 'stream-start' });
    expect((await reader.read()).value).toMatchObject({ type: 'reasoning-start' });
    // The request is out; no part comes before the server answers, and it never does.
    while (signals.length === 0) await turns(1);
    await reader.cancel(new Error('the reader left'));
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('should abort the request when the call’s abortSignal fires mid-stream', async () => {
    const { server, completion } = await endlessServer();
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    // Fires once the server has answered, as its tokens begin to stream in.
    const fetchThenAbort = abortAfterResponse(controller, reason);
    const attempt = major.stream(
      { baseURL: server.baseURL, raw: { fetch: fetchThenAbort } },
      { tokenizer, thinking: { max: budget } },
      { prompt: 'Count.', abortSignal: controller.signal },
    );
    await expect(attempt).rejects.toBe(reason);
    await server.idle();
    expect(completion()?.aborted).toBe(true);
    expect(completion()?.generatedTokens).toBeLessThan(budget / 10);
  });
});
