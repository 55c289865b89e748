import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tokenizer } from '@s1/chat-template';
import { S1Error } from '@s1/errors';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { RetryError } from '../errors/api-call-error';
import { RequestLimitError } from '../errors/request-limit-error';
import { createOpenAICompatibleBackend } from '../openai/create-openai-compatible-backend';
import { createBudgetForcing } from './create-budget-forcing';
import type { FidelityMode } from './options';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const prompt = '<|im_start|>user\nWhat is 17 × 3?<|im_end|>\n<|im_start|>assistant\n';

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};
const choice = (fields: Record<string, unknown>) => ({
  id: 'cmpl-1',
  object: 'text_completion',
  model: 's1',
  choices: [{ index: 0, ...fields }],
});

// How each broken server answers POST /v1/completions.
const brokenServers: Record<string, (response: ServerResponse) => void> = {
  'an empty completion that stops, without usage': (response) =>
    json(response, 200, choice({ text: '', finish_reason: 'stop' })),
  'an empty completion that stops, with 0 completion tokens': (response) =>
    json(response, 200, {
      ...choice({ text: '', finish_reason: 'stop' }),
      usage: { prompt_tokens: 20, completion_tokens: 0, total_tokens: 20 },
    }),
  'an empty completion cut at its length, with 0 completion tokens': (response) =>
    json(response, 200, {
      ...choice({ text: '', finish_reason: 'length' }),
      usage: { prompt_tokens: 20, completion_tokens: 0, total_tokens: 20 },
    }),
  'a negative token count': (response) =>
    json(response, 200, {
      ...choice({ text: 'Hmm', finish_reason: 'stop' }),
      usage: { prompt_tokens: 20, completion_tokens: -5, total_tokens: 15 },
    }),
  'no choices': (response) => json(response, 200, { id: 'cmpl-1', choices: [] }),
  'an HTML page': (response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>Gateway</body></html>');
  },
  'fields of the wrong type': (response) =>
    json(response, 200, choice({ text: 5, finish_reason: ['stop'] })),
  'an endless body': (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"choices":[{"index":0,"text":"');
    const chunk = 'Wait'.repeat(16_384);
    const writeMore = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', writeMore);
    };
    writeMore();
  },
  'a model it does not serve': (response) =>
    json(response, 404, {
      object: 'error',
      message: 'The model `s1` does not exist.',
      type: 'NotFoundError',
      code: 404,
    }),
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function brokenServer(answer: (response: ServerResponse) => void) {
  let completions = 0;
  const http = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/completions') {
        completions++;
        answer(response);
      } else {
        json(response, 404, { error: 'not found' });
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => http.close(() => resolve())));
  return {
    baseURL: `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`,
    completions: () => completions,
  };
}

const backendOf = (baseURL: string) =>
  createOpenAICompatibleBackend({
    baseURL,
    model: 's1',
    tokenizer,
    retry: { maxRetries: 0, timeoutMs: 10_000 },
  });

describe('budget forcing against broken servers', () => {
  const modes: FidelityMode[] = ['exact', 'harness', 'readme'];
  const cases = Object.keys(brokenServers).flatMap((server) =>
    modes.map((mode) => [server, mode] as const),
  );
  it.each(cases)(
    'should end with a result or a typed error, in few requests, against %s (%s mode)',
    async (server, mode) => {
      const broken = await brokenServer(brokenServers[server] as (r: ServerResponse) => void);
      const outcome = await createBudgetForcing({
        backend: backendOf(broken.baseURL),
        mode,
        thinking: { max: 64, min: 32, ignoreEnd: 2 },
        answer: { maxTokens: 16 },
      })
        .generate({ prompt })
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
      if ('error' in outcome) {
        expect(S1Error.isInstance(outcome.error), String(outcome.error)).toBe(true);
      } else {
        expect(outcome.result.thinkingTokens).toBeGreaterThanOrEqual(0);
        expect(outcome.result.answerTokens).toBeGreaterThanOrEqual(0);
        expect(outcome.result.usage.requests).toBe(broken.completions());
      }
      // Thinking rounds are bounded by the budget's continuations: 32 tokens of "Wait" at most.
      expect(broken.completions()).toBeLessThanOrEqual(40);
    },
  );

  it('should give up on a stalled server after its timeout and retries, saying so before each retry', async () => {
    const broken = await brokenServer(() => {});
    const retries: string[] = [];
    const error = await createBudgetForcing({
      backend: createOpenAICompatibleBackend({
        baseURL: broken.baseURL,
        model: 's1',
        tokenizer,
        retry: { maxRetries: 2, timeoutMs: 300, initialDelayMs: 10 },
        onRetry: ({ attempt, retriesLeft, error }) =>
          retries.push(`${attempt}/${retriesLeft}: ${error.message}`),
      }),
    })
      .generate({ prompt })
      .catch((caught: unknown) => caught);
    expect(RetryError.isInstance(error)).toBe(true);
    expect(broken.completions()).toBe(3);
    expect(retries).toEqual([
      expect.stringMatching(/^1\/2: .*no complete response within 300 ms/),
      expect.stringMatching(/^2\/1: .*no complete response within 300 ms/),
    ]);
  });

  it('should abandon an endless body at maxResponseBytes without retrying it', async () => {
    const broken = await brokenServer(
      brokenServers['an endless body'] as (r: ServerResponse) => void,
    );
    const error = await createBudgetForcing({
      backend: createOpenAICompatibleBackend({
        baseURL: broken.baseURL,
        model: 's1',
        tokenizer,
        retry: { maxResponseBytes: 2 ** 20 },
      }),
    })
      .generate({ prompt })
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/passed 1048576 bytes \(maxResponseBytes\)/);
    expect(broken.completions()).toBe(1);
  });

  it('should warn that token counts were estimated when the server reports no usage', async () => {
    const broken = await brokenServer(
      brokenServers['an empty completion that stops, without usage'] as (r: ServerResponse) => void,
    );
    const result = await createBudgetForcing({
      backend: backendOf(broken.baseURL),
      thinking: { max: 64, min: 4 },
    }).generate({ prompt });
    expect(result.thinkingTokens).toBeGreaterThanOrEqual(4);
    expect(result.warnings.map(({ feature }) => feature)).toContain('usage');
  });

  it('should say that the server does not serve the model, not that the endpoint is missing', async () => {
    const broken = await brokenServer(
      brokenServers['a model it does not serve'] as (r: ServerResponse) => void,
    );
    const error = await createBudgetForcing({ backend: backendOf(broken.baseURL) })
      .generate({ prompt })
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/does not serve that model; check the model name/);
    expect(String(error)).not.toMatch(/no such endpoint/);
  });

  it('should warn when the server reports its length limit without generating a token', async () => {
    const broken = await brokenServer(
      brokenServers['an empty completion cut at its length, with 0 completion tokens'] as (
        r: ServerResponse,
      ) => void,
    );
    const result = await createBudgetForcing({
      backend: backendOf(broken.baseURL),
      thinking: { max: 64 },
    }).generate({ prompt });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ feature: 'empty-length', type: 'limited' }),
    );
  });

  it('should stop at maxRequests with a RequestLimitError that counts the empty completions', async () => {
    const broken = await brokenServer(
      brokenServers['an empty completion that stops, with 0 completion tokens'] as (
        r: ServerResponse,
      ) => void,
    );
    const error = await createBudgetForcing({
      backend: backendOf(broken.baseURL),
      thinking: { max: 2000, min: 1000 },
      maxRequests: 10,
    })
      .generate({ prompt })
      .catch((caught: unknown) => caught);
    expect(RequestLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requests: 10, emptyCompletions: 10 });
    expect(String(error)).toMatch(/10 requests.*maxRequests.*10 of them came back without/);
    expect(broken.completions()).toBe(10);
  });
});
