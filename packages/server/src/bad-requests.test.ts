import { createScriptedBackend, createThinkingScript } from '@s1/budget-forcing/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import {
  type BudgetForcingServer,
  createBudgetForcingServer,
} from './create-budget-forcing-server';

const apiKey = 'sk-s1-test';
const maxBodyBytes = 4096;
const origin = 'http://s1.test';
const messages = [{ role: 'user', content: 'What is 17 × 3?' }];
const chat = { model: 's1', messages, thinking_token_budget: 100 };

let server: BudgetForcingServer;
beforeAll(async () => {
  const tokenizer = await qwen25Tokenizer();
  const model = createThinkingScript({
    tokenizer,
    thoughts: ['\nFirst, 17 × 3 = 51.\n', ' Check: 50 + 1 = 51.\n'],
    answer: 'The answer is 51.',
  });
  server = createBudgetForcingServer({
    backend: createScriptedBackend({ model, tokenizer, variant: 'stepping', modelId: 's1' }),
    apiKey,
    maxBodyBytes,
  });
});

interface BadRequest {
  name: string;
  method?: 'GET' | 'POST';
  path?: string;
  /** An object is sent as JSON, a string as it is; a function makes a streamed body. */
  body?: unknown;
  headers?: Record<string, string>;
  status: 400 | 401 | 404 | 413;
  /** What the message must say: the problem, in words a client can act on. */
  message: RegExp;
  param?: string | null;
  code?: string | null;
}

const tooLarge = JSON.stringify({
  ...chat,
  messages: [{ role: 'user', content: 'x'.repeat(5000) }],
});

// A body sent in chunks without a content-length: the limit must hold while it is read.
const streamedBody = () => {
  const chunk = new TextEncoder().encode(' '.repeat(1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 64) controller.enqueue(chunk);
      else controller.close();
    },
  });
};

const badRequests: BadRequest[] = [
  {
    name: 'malformed JSON',
    body: '{"model": "s1", "messages": [',
    status: 400,
    message: /not valid JSON/,
    code: 'invalid_json',
  },
  { name: 'an empty body', body: '', status: 400, message: /no body/ },
  { name: 'a body of whitespace', body: ' \n\t', status: 400, message: /no body/ },
  { name: 'a body that is an array', body: [chat], status: 400, message: /JSON object/ },
  { name: 'a body that is JSON null', body: 'null', status: 400, message: /JSON object/ },
  { name: 'a body that is a string', body: '"hello"', status: 400, message: /JSON object/ },
  {
    name: 'messages missing',
    body: { model: 's1' },
    status: 400,
    message: /^messages: /,
    param: 'messages',
  },
  {
    name: 'messages empty',
    body: { ...chat, messages: [] },
    status: 400,
    message: /at least one message/,
    param: 'messages',
  },
  {
    name: 'messages not an array',
    body: { ...chat, messages: 'What is 17 × 3?' },
    status: 400,
    message: /^messages: .*array/,
    param: 'messages',
  },
  {
    name: 'a message that is null',
    body: { ...chat, messages: [null] },
    status: 400,
    message: /^messages\.0: .*object/,
    param: 'messages.0',
  },
  {
    name: 'a message without role',
    body: { ...chat, messages: [{ content: 'hi' }] },
    status: 400,
    message: /role must be a string/,
    param: 'messages.0.role',
  },
  {
    // The union's bare "Invalid input" does not say what content may be.
    name: 'content a number',
    body: { ...chat, messages: [{ role: 'user', content: 17 }] },
    status: 400,
    message: /^messages\.0\.content: content must be a string, a list of text parts/,
    param: 'messages.0.content',
  },
  {
    name: 'a user message with null content',
    body: { ...chat, messages: [{ role: 'user', content: null }] },
    status: 400,
    message: /could not render the messages/,
    param: 'messages',
  },
  {
    // A text-only model must not answer as if the image had been seen.
    name: 'an image content part',
    body: {
      ...chat,
      messages: [
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'https://s1.test/cat.png' } }],
        },
      ],
    },
    status: 400,
    message: /image_url/,
    param: 'messages.0.content.0.type',
  },
  {
    name: 'tool_calls that are not a list',
    body: { ...chat, messages: [{ role: 'assistant', content: 'hi', tool_calls: 'calculator' }] },
    status: 400,
    message: /tool_calls/,
    param: 'messages.0.tool_calls',
  },
  {
    name: 'model missing',
    body: { messages },
    status: 400,
    message: /model must be a string naming the served model/,
    param: 'model',
  },
  {
    name: 'model a number',
    body: { ...chat, model: 1 },
    status: 400,
    message: /model must be a string/,
    param: 'model',
  },
  {
    name: 'an unknown model',
    body: { ...chat, model: 'gpt-4o' },
    status: 404,
    message: /"gpt-4o" does not exist here; this server serves "s1"/,
    param: 'model',
    code: 'model_not_found',
  },
  { name: 'n: 2', body: { ...chat, n: 2 }, status: 400, message: /n must be 1/, param: 'n' },
  {
    name: 'stream a string',
    body: { ...chat, stream: 'yes' },
    status: 400,
    message: /^stream: .*boolean/,
    param: 'stream',
  },
  {
    name: 'a negative thinking_token_budget',
    body: { ...chat, thinking_token_budget: -1 },
    status: 400,
    message: /^thinking_token_budget: .*>=0/,
    param: 'thinking_token_budget',
  },
  {
    name: 'thinking_token_budget 1.5',
    body: { ...chat, thinking_token_budget: 1.5 },
    status: 400,
    message: /^thinking_token_budget: .*int/,
    param: 'thinking_token_budget',
  },
  {
    name: 'thinking_token_budget that JSON reads as Infinity',
    body: '{"model": "s1", "messages": [{"role": "user", "content": "hi"}], "thinking_token_budget": 1e400}',
    status: 400,
    message: /^thinking_token_budget: /,
    param: 'thinking_token_budget',
  },
  {
    name: 'reasoning_effort "extreme"',
    body: { ...chat, reasoning_effort: 'extreme' },
    status: 400,
    message: /^reasoning_effort: .*"low"\|"medium"\|"high"/,
    param: 'reasoning_effort',
  },
  {
    name: 'thinking {type: "enabled"} without budget_tokens',
    body: { model: 's1', messages, thinking: { type: 'enabled' } },
    status: 400,
    message: /^thinking\.budget_tokens: /,
    param: 'thinking.budget_tokens',
  },
  {
    name: 'thinking of an unknown type',
    body: { model: 's1', messages, thinking: { type: 'adaptive' } },
    status: 400,
    message: /^thinking(\.type)?: /,
  },
  {
    name: 'min_thinking_tokens above thinking_token_budget',
    body: { ...chat, thinking_token_budget: 10, min_thinking_tokens: 20 },
    status: 400,
    message: /min_thinking_tokens \(20\) is above the thinking budget \(10\)/,
    param: 'min_thinking_tokens',
    code: 'invalid_thinking_budget',
  },
  {
    name: 'min_thinking_tokens above the budget of reasoning_effort',
    body: { model: 's1', messages, reasoning_effort: 'low', min_thinking_tokens: 2000 },
    status: 400,
    message: /min_thinking_tokens \(2000\) is above the thinking budget \(1024\)/,
    param: 'min_thinking_tokens',
  },
  {
    name: 'min_thinking_tokens with thinking disabled',
    body: { model: 's1', messages, thinking: { type: 'disabled' }, min_thinking_tokens: 5 },
    status: 400,
    message: /min_thinking_tokens \(5\) is above the thinking budget \(0\)/,
    param: 'min_thinking_tokens',
  },
  {
    name: 'num_ignore -1',
    body: { ...chat, num_ignore: -1 },
    status: 400,
    message: /^num_ignore: /,
    param: 'num_ignore',
  },
  {
    name: 'num_ignore 65',
    body: { ...chat, num_ignore: 65 },
    status: 400,
    message: /^num_ignore: .*64/,
    param: 'num_ignore',
  },
  {
    name: 'continuation []',
    body: { ...chat, continuation: [] },
    status: 400,
    message: /^continuation: /,
    param: 'continuation',
  },
  {
    name: 'temperature 3',
    body: { ...chat, temperature: 3 },
    status: 400,
    message: /^temperature: .*<=2/,
    param: 'temperature',
  },
  {
    name: 'top_p 0',
    body: { ...chat, top_p: 0 },
    status: 400,
    message: /^top_p: .*>0/,
    param: 'top_p',
  },
  {
    name: 'max_tokens 0',
    body: { ...chat, max_tokens: 0 },
    status: 400,
    message: /^max_tokens: .*>0/,
    param: 'max_tokens',
  },
  {
    name: 'max_tokens as a string',
    body: { ...chat, max_tokens: '64' },
    status: 400,
    message: /^max_tokens: .*number/,
    param: 'max_tokens',
  },
  {
    // The limit must be named: "Invalid input" leaves the client guessing.
    name: 'stop with 20 entries',
    body: { ...chat, stop: Array.from({ length: 20 }, (_, index) => `stop${index}`) },
    status: 400,
    message: /^stop: .*16/,
    param: 'stop',
  },
  {
    // vLLM refuses it ("stop cannot contain an empty string"); it would end every answer at once.
    name: 'an empty stop string',
    body: { ...chat, stop: [''] },
    status: 400,
    message: /^stop\.0: .*empty/,
    param: 'stop.0',
  },
  {
    name: 'prompt as an array on /v1/completions',
    path: '/v1/completions',
    body: { model: 's1', prompt: ['one', 'two'] },
    status: 400,
    message: /prompt must be one string \(lists of prompts are not supported\)/,
    param: 'prompt',
  },
  {
    name: 'prompt missing on /v1/completions',
    path: '/v1/completions',
    body: { model: 's1' },
    status: 400,
    message: /prompt must be one string/,
    param: 'prompt',
  },
  {
    name: 'a body over maxBodyBytes',
    body: tooLarge,
    status: 413,
    message: new RegExp(`larger than ${maxBodyBytes} bytes`),
    code: 'request_too_large',
  },
  {
    name: 'a content-length over maxBodyBytes',
    body: '{}',
    headers: { 'content-length': String(10 * maxBodyBytes) },
    status: 413,
    message: new RegExp(`larger than ${maxBodyBytes} bytes`),
    code: 'request_too_large',
  },
  {
    name: 'a streamed body that grows past maxBodyBytes',
    body: streamedBody,
    status: 413,
    message: new RegExp(`larger than ${maxBodyBytes} bytes`),
    code: 'request_too_large',
  },
  {
    name: 'no bearer token',
    body: chat,
    headers: { authorization: '' },
    status: 401,
    message: /requires an API key: send Authorization: Bearer <key>/,
    code: 'invalid_api_key',
  },
  {
    name: 'a wrong bearer token',
    body: chat,
    headers: { authorization: 'Bearer sk-wrong' },
    status: 401,
    message: /not the one this server was started with/,
    code: 'invalid_api_key',
  },
  {
    name: 'a key that is not a bearer token',
    body: chat,
    headers: { authorization: apiKey },
    status: 401,
    message: /requires an API key/,
    code: 'invalid_api_key',
  },
  {
    name: 'GET /v1/nothing',
    method: 'GET',
    path: '/v1/nothing',
    status: 404,
    message: /no route GET \/v1\/nothing; this server offers POST \/v1\/chat\/completions/,
  },
  {
    name: 'POST /v1/models',
    path: '/v1/models',
    body: {},
    status: 404,
    message: /no route POST \/v1\/models/,
  },
];

const errorTypes = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
};

type Sent = Pick<BadRequest, 'method' | 'path' | 'body' | 'headers'>;

function send({ method = 'POST', path = '/v1/chat/completions', body, headers }: Sent) {
  const payload =
    typeof body === 'function'
      ? (body as () => ReadableStream<Uint8Array>)()
      : typeof body === 'string' || body === undefined
        ? body
        : JSON.stringify(body);
  return server.fetch(
    new Request(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: payload,
      ...(payload instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
  );
}

async function expectServing() {
  const response = await send({ body: chat });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  expect(body.choices[0]?.message.content).toBe('The answer is 51.');
}

describe('a server sent bad requests', () => {
  it('should answer a good chat completion, the control for every case', async () => {
    await expectServing();
  });

  it.each(badRequests)(
    'should answer $status naming the problem to $name, and keep serving',
    async (bad) => {
      const response = await send(bad);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(response.status).toBe(bad.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      // The OpenAI error shape, nothing more: clients parse exactly these four fields.
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toEqual({
        message: expect.stringMatching(bad.message),
        type: errorTypes[bad.status],
        param: bad.param === undefined ? expect.toBeOneOf([null, expect.any(String)]) : bad.param,
        code: bad.code === undefined ? expect.toBeOneOf([null, expect.any(String)]) : bad.code,
      });

      // A refused request holds no slot, and the next good one is served.
      const health = await server.fetch(new Request(`${origin}/health`));
      expect(await health.json()).toMatchObject({ running: 0, waiting: 0 });
      await expectServing();
    },
  );
});
