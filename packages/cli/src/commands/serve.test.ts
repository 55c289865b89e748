import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { runCli } from '../run-cli';

const tokenizerFolder = bundledTokenizerFolder();
let upstream: Awaited<ReturnType<typeof startVllmCompatibleServer>>;

beforeAll(async () => {
  const tokenizer = await loadTokenizer(tokenizerFolder);
  const model = createThinkingScript({
    tokenizer,
    thoughts: ['\nFirst, 17 x 3 = 51.\n', ' Check: 50 + 1 = 51.\n'],
    answer: 'The answer is 51.',
  });
  upstream = await startVllmCompatibleServer({ model, tokenizer });
});
afterAll(async () => {
  await upstream.close();
});

/** Starts `s1 serve` in this process; resolves with its URL once it prints `listening on`. */
async function startServe(flags: string[]) {
  const stop = new AbortController();
  let stderr = '';
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const io: CliIO = {
    stdout: {
      write: (text: string) => announce(/^listening on (\S+)/.exec(text)?.[1] ?? ''),
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: undefined,
    color: false,
    env: {},
    stop: stop.signal,
  };
  const exited = runCli(['serve', ...flags], io);
  const url = await Promise.race([listening, exited.then((code) => `exited ${code}: ${stderr}`)]);
  return { url, exited, stop: () => stop.abort(), stderr: () => stderr };
}

describe('s1 serve', () => {
  it('should print where it listens, answer OpenAI requests with thinking controlled, log each, and stop on its signal', async () => {
    const serving = await startServe([
      '--upstream',
      upstream.baseURL,
      '--model',
      's1',
      '--tokenizer',
      tokenizerFolder,
      '--port',
      '0',
      '--api-key',
      'secret',
    ]);
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${serving.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret' },
      body: JSON.stringify({
        model: 's1',
        messages: [{ role: 'user', content: 'What is 17 x 3?' }],
        thinking_token_budget: 4,
      }),
    });
    const body = (await answer.json()) as {
      choices: { message: { content: string } }[];
      usage: { completion_tokens_details: { reasoning_tokens: number } };
    };
    expect(body.choices[0]?.message.content).toBe('Final Answer: The answer is 51.');
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(4);
    const unauthorized = await fetch(`${serving.url}/v1/models`);
    expect(unauthorized.status).toBe(401);
    serving.stop();
    expect(await serving.exited).toBe(0);
    expect(serving.stderr()).toMatch(
      /^POST \/v1\/chat\/completions 200 thinking=4 \d+ms\nGET \/v1\/models 401\n$/,
    );
  });

  it.each([
    [[], /^s1: --upstream URL --model NAME .* say where the model runs\n$/],
    [['--upstream', 'localhost:8000'], /--upstream must be/],
    [
      ['--upstream', 'http://127.0.0.1:1/v1'],
      /^s1: --model NAME is required with --upstream: the model the upstream serves\n$/,
    ],
    [['--runtime', 'onnxruntime'], /--model-path is required for --runtime onnxruntime/],
    [
      ['--upstream', 'http://127.0.0.1:1/v1', '--model', 's1', '--port', 'http'],
      /--port must be a whole number/,
    ],
    [
      ['--upstream', 'http://127.0.0.1:1/v1', '--model', 's1', '--effort-budgets', '512,1024'],
      /--effort-budgets takes three budgets/,
    ],
    [
      [
        '--upstream',
        'http://127.0.0.1:1/v1',
        '--model',
        's1',
        '--min-thinking',
        '9',
        '--max-thinking',
        '3',
      ],
      /--min-thinking \(9\) must not be above --max-thinking \(3\)/,
    ],
    [
      ['--upstream', 'http://127.0.0.1:1/v1', '--model', 's1', '--threads', '2'],
      /--threads applies to in-process runtimes/,
    ],
  ])('should refuse %j, saying what to pass', async (flags, message) => {
    const { code, stderr } = await run(['serve', ...flags]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });
});
