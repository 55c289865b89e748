import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type BudgetForcingResult, createBudgetForcing } from '@s1/budget-forcing';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import {
  createThinkingScript,
  type RecordedRequest,
  startVllmCompatibleServer,
} from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import { createBudgetForcingServer, type ListeningServer } from './create-budget-forcing-server';

const clients = 200;
const streams = (client: number) => client % 3 === 0;
const leaves = (client: number) => client % 10 === 5;
const thoughts = ['\nFirst, 17 × 3 = 51.\n', ' Check: 50 + 1 = 51.\n', ' Sure.\n'];
const answer = 'The answer is 51.';

interface Control {
  thinking_token_budget: number;
  num_ignore?: number;
}

// Thinking forced to end at the budget, ended by the model, and extended past ignored ends.
const controls: Control[] = [
  { thinking_token_budget: 6 },
  { thinking_token_budget: 24, num_ignore: 1 },
  { thinking_token_budget: 400 },
];
// Clients that leave ask for many rounds, so that they leave while the upstream generates.
const longControl: Control = { thinking_token_budget: 400, num_ignore: 4 };
const controlOf = (client: number) =>
  leaves(client) ? longControl : (controls[client % controls.length] as Control);

// Stalls are cut after 5 s, then retried: a stall costs seconds, not the default 2 minutes.
const retry = { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 50, timeoutMs: 5000 };

// The marker in each client's prompt that finds its requests among the upstream's records.
const marker = (client: number) => `(client ${client})`;
const messagesOf = (client: number) => [
  { role: 'user', content: `${marker(client)} What is 17 × 3?` },
];

type OpenAIError = { message: string; type: string; param: string | null; code: string | null };
interface ChatCompletion {
  choices: { message: { content: string; reasoning_content: string } }[];
  s1: { thinking_tokens: number };
}
type Outcome =
  | {
      kind: 'answered';
      streamed: boolean;
      thinking: string;
      answer: string;
      thinkingTokens: number;
    }
  | { kind: 'failed'; streamed: boolean; status: number; error: OpenAIError }
  /** The client went away once the upstream was generating for it, with that many requests made. */
  | { kind: 'left'; streamed: boolean; upstreamRequests: number };

// `--expose-gc` at run time: the heap is compared after a full collection, not a lucky one.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
// fetch removes its abort listeners in finalizers, which run after a collection: collect, let
// them run, and collect what they freed.
const heapAfterCollection = async () => {
  for (let round = 0; round < 3; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
};

let tokenizer: Tokenizer;
let upstream: Awaited<ReturnType<typeof startVllmCompatibleServer>>;
let listening: ListeningServer;
let references: Map<Control, BudgetForcingResult>;
let outcomes: Outcome[];
let baselineHeap: number;

// Prompts go upstream as token ids; each is decoded once.
const promptTexts = new WeakMap<RecordedRequest, string>();
const promptText = (record: RecordedRequest) => {
  let text = promptTexts.get(record);
  if (text === undefined) {
    const { prompt } = record.body;
    text = Array.isArray(prompt) ? tokenizer.decode(prompt as number[]) : String(prompt);
    promptTexts.set(record, text);
  }
  return text;
};
const recordsOf = (client: number) =>
  upstream.requests.filter(
    (record) => record.path === '/v1/completions' && promptText(record).includes(marker(client)),
  );

const until = async (condition: () => boolean, stopped: () => boolean) => {
  while (!condition() && !stopped()) await new Promise((resolve) => setTimeout(resolve, 2));
};

function request(client: number, signal?: AbortSignal) {
  return fetch(`${listening.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 's1',
      messages: messagesOf(client),
      stream: streams(client),
      ...controlOf(client),
    }),
    signal,
  });
}

async function whole(client: number): Promise<Outcome> {
  const leave = new AbortController();
  let answered = false;
  const response = request(client, leave.signal);
  const settle = () => {
    answered = true;
  };
  response.then(settle, settle);
  if (leaves(client)) {
    await until(
      () => recordsOf(client).some((record) => (record.generatedTokens ?? 0) > 0),
      () => answered,
    );
    if (!answered) {
      const upstreamRequests = recordsOf(client).length;
      leave.abort();
      await response.catch(() => undefined);
      return { kind: 'left', streamed: false, upstreamRequests };
    }
  }
  const replied = await response;
  if (replied.status !== 200) {
    const { error } = (await replied.json()) as { error: OpenAIError };
    return { kind: 'failed', streamed: false, status: replied.status, error };
  }
  const body = (await replied.json()) as ChatCompletion;
  return {
    kind: 'answered',
    streamed: false,
    thinking: body.choices[0]?.message.reasoning_content ?? '',
    answer: body.choices[0]?.message.content ?? '',
    thinkingTokens: body.s1.thinking_tokens,
  };
}

async function streamed(client: number): Promise<Outcome> {
  const leave = new AbortController();
  const response = await request(client, leave.signal);
  if (response.status !== 200) {
    const { error } = (await response.json()) as { error: OpenAIError };
    return { kind: 'failed', streamed: true, status: response.status, error };
  }
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let buffered = '';
  let thinking = '';
  let content = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const events = buffered.split('\n\n');
    buffered = events.pop() ?? '';
    for (const event of events) {
      const data = event.replace(/^data: /, '');
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data);
      if (chunk.error !== undefined) {
        return { kind: 'failed', streamed: true, status: response.status, error: chunk.error };
      }
      const delta = chunk.choices[0]?.delta ?? {};
      thinking += delta.reasoning_content ?? '';
      content += delta.content ?? '';
      // The client goes away after the first thinking it reads: mid-stream, mid-generation.
      if (leaves(client) && thinking !== '') {
        const upstreamRequests = recordsOf(client).length;
        leave.abort();
        return { kind: 'left', streamed: true, upstreamRequests };
      }
      if (chunk.s1 !== undefined) {
        const thinkingTokens = chunk.s1.thinking_tokens;
        return { kind: 'answered', streamed: true, thinking, answer: content, thinkingTokens };
      }
    }
  }
  throw new Error(`the stream of client ${client} ended without a finish chunk`);
}

beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
  const model = createThinkingScript({ tokenizer, thoughts, answer });
  const backendOn = (baseURL: string) =>
    createOpenAICompatibleBackend({ baseURL, model: 's1', tokenizer, server: 'openai', retry });

  // What the controller gives, called directly over a fault-free upstream.
  const clean = await startVllmCompatibleServer({ model, tokenizer });
  references = new Map();
  for (const control of [...controls, longControl]) {
    const result = await createBudgetForcing({ backend: backendOn(clean.baseURL) }).generate({
      messages: messagesOf(0),
      thinking: { max: control.thinking_token_budget, ignoreEnd: control.num_ignore ?? 0 },
    });
    references.set(control, result);
  }
  await clean.close();

  upstream = await startVllmCompatibleServer({
    model,
    tokenizer,
    faults: { rate: 0.3, seed: 2024, kinds: ['500', 'reset', 'stall', 'malformed'] },
  });
  const server = createBudgetForcingServer({
    backend: backendOn(upstream.baseURL),
    maxConcurrentRequests: 32,
  });
  listening = await server.listen({ port: 0 });

  // Warm up (modules, JIT, connections) before the baseline, so the heap compared is the load's;
  // clients numbered apart from the load's, whose records are looked up by number.
  for (const client of [1001, 1002, 1003, 1004]) await (streams(client) ? streamed : whole)(client);
  baselineHeap = await heapAfterCollection();

  outcomes = await Promise.all(
    Array.from({ length: clients }, (_, client) => (streams(client) ? streamed : whole)(client)),
  );
  // The server frees a slot when it sees a client leave, a moment after the client did.
  await vi.waitFor(
    async () => {
      const health = await (await fetch(`${listening.url}/health`)).json();
      expect(health).toMatchObject({ running: 0, waiting: 0 });
    },
    { timeout: 30_000, interval: 50 },
  );
  await upstream.idle();
});

afterAll(async () => {
  await listening?.close();
  await upstream?.close();
});

describe('the server under 200 concurrent clients over an upstream failing 30% of requests', () => {
  it('should answer every client that stayed with the controller’s answer, or a 502 naming the upstream failure', () => {
    const stayed = outcomes.flatMap((outcome, client) =>
      outcome.kind === 'left' ? [] : [{ client, outcome }],
    );
    for (const { client, outcome } of stayed) {
      const control = controlOf(client);
      const reference = references.get(control) as BudgetForcingResult;
      if (outcome.kind === 'answered') {
        expect({ client, ...outcome }).toEqual({
          client,
          kind: 'answered',
          streamed: streams(client),
          thinking: reference.thinking,
          answer: reference.answer,
          thinkingTokens: reference.thinkingTokens,
        });
        // At the budget, the forced "Final Answer:" leads the answer.
        expect(outcome.answer).toMatch(/^(Final Answer: )?The answer is 51\.$/);
        expect(outcome.thinkingTokens).toBeLessThanOrEqual(control.thinking_token_budget);
      } else if (outcome.kind === 'failed') {
        // A stream that failed after its first event has sent its 200: the failure is its last
        // event, with the same body.
        expect({ client, status: outcome.status }).toEqual({
          client,
          status: outcome.streamed ? expect.toBeOneOf([200, 502]) : 502,
        });
        expect(outcome.error).toEqual({
          message: expect.stringMatching(/^the model backend failed: .*\/v1\/completions/),
          type: 'upstream_error',
          param: null,
          code: 'upstream_error',
        });
      }
    }
    const answered = stayed.filter(({ outcome }) => outcome.kind === 'answered');
    // Three attempts per upstream request: most clients get through 30% faults.
    expect(answered.length).toBeGreaterThan(stayed.length / 2);
    expect(stayed.some(({ client }) => streams(client))).toBe(true);
    const injected = new Set(upstream.requests.map((record) => record.fault));
    expect(injected).toEqual(new Set([undefined, '500', 'reset', 'stall', 'malformed']));
  });

  it('should stop the upstream generating for every client that went away', async () => {
    const left = outcomes.flatMap((outcome, client) =>
      outcome.kind === 'left' ? [{ client, outcome }] : [],
    );
    // The leaving clients ask for long generations: nearly all leave in the middle of one.
    expect(left.length).toBeGreaterThanOrEqual(15);
    expect(left.some(({ outcome }) => outcome.streamed)).toBe(true);
    for (const { client, outcome } of left) {
      const records = recordsOf(client);
      // At most the request already on its way when the client left; no round after it.
      expect({ client, requests: records.length }).toEqual({
        client,
        requests: expect.toBeOneOf([outcome.upstreamRequests, outcome.upstreamRequests + 1]),
      });
    }
    // Nothing still generates: every request finished, stopped, or was refused (the backend
    // learns the context from vLLM's refusal of a too-large max_tokens) or faulted.
    const generated = () => upstream.requests.map((record) => record.generatedTokens);
    const settled = generated();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(generated()).toEqual(settled);
    const unfinished = upstream.requests.filter(
      (record) =>
        record.path === '/v1/completions' &&
        record.fault === undefined &&
        record.refused === undefined &&
        record.text === undefined &&
        record.aborted !== true,
    );
    expect(unfinished).toEqual([]);
    const aborted = upstream.requests.filter((record) => record.aborted === true);
    expect(aborted.length).toBeGreaterThanOrEqual(left.length / 2);
  });

  it('should report no request running or waiting once the load is over', async () => {
    const health = await (await fetch(`${listening.url}/health`)).json();
    expect(health).toEqual({ status: 'ok', model: 's1', running: 0, waiting: 0 });
  });

  it('should return to its baseline heap after the load', async () => {
    const growth = (await heapAfterCollection()) - baselineHeap;
    // What stays is a few MiB: code compiled for paths first taken under load, the idle
    // keep-alive connections, and the upstream's record of each of its several hundred requests.
    expect(growth).toBeLessThan(16 * 2 ** 20);
  });
});
