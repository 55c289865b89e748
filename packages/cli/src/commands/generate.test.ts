import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { createByteTokenizer, createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { LlamaModel } from 'node-llama-cpp';
import { InferenceSession } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';
import { bundledTokenizerFolder } from '../bundled-tokenizer';

const tokenizerFolder = bundledTokenizerFolder();
let server: Awaited<ReturnType<typeof startVllmCompatibleServer>>;

beforeAll(async () => {
  const tokenizer = await loadTokenizer(tokenizerFolder);
  const model = createThinkingScript({
    tokenizer,
    thoughts: ['\nr-a-s-p-b-e-r-r-y: r at 1, 7, 8.\n', ' Yes, three.\n'],
    answer: 'There are 3.',
  });
  server = await startVllmCompatibleServer({ model, tokenizer });
});
afterAll(async () => {
  await server.close();
});

const serverFlags = () => [
  '--base-url',
  server.baseURL,
  '--model',
  's1',
  '--tokenizer',
  tokenizerFolder,
];

describe('s1 generate', () => {
  it('should print the result object with --json', async () => {
    const { code, stdout } = await run([
      'generate',
      ...serverFlags(),
      '--prompt',
      'How many r in raspberry?',
      '--ignore',
      '1',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      rounds: 2,
      ignoredEnds: 1,
      hitBudget: false,
      answer: 'There are 3.',
    });
    expect(result.thinking).toBe('r-a-s-p-b-e-r-r-y: r at 1, 7, 8.\nWait Yes, three.');
  });

  it('should return exactly the harness text in harness mode', async () => {
    const { stdout } = await run([
      'generate',
      ...serverFlags(),
      '--prompt',
      'How many r in raspberry?',
      '--mode',
      'harness',
      '--max-thinking',
      '6',
      '--json',
    ]);
    expect(JSON.parse(stdout).text).toBe(
      '<|im_start|>think\nr-a-s-p-b\n<|im_start|>answer\nFinal Answer: There are 3.',
    );
  });

  it('should read the prompt from standard input and stream thinking then the answer', async () => {
    const { code, stdout, stderr } = await run(
      ['generate', ...serverFlags(), '--stream', '--continuation', 'Hmm', '--ignore', '1'],
      'How many r in raspberry?\n',
    );
    expect(code).toBe(0);
    expect(stdout).toBe('\nr-a-s-p-b-e-r-r-y: r at 1, 7, 8.\nHmm Yes, three.\n\n\nThere are 3.\n');
    expect(stderr).toMatch(/thinking tokens · 2 rounds · thinking ended by the model/);
    // The text read from standard input is the user turn of what the server was sent.
    const sent = server.completions().at(-1)?.body.prompt as number[];
    const tokenizer = await loadTokenizer(tokenizerFolder);
    expect(tokenizer.decode(sent)).toContain(
      '<|im_start|>user\nHow many r in raspberry?<|im_end|>',
    );
  });

  it('should explain a missing prompt and a bad flag with a non-zero exit code', async () => {
    expect(await run(['generate', ...serverFlags()])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/pass --prompt/),
    });
    const bad = await run([
      'generate',
      ...serverFlags(),
      '--prompt',
      'x',
      '--max-thinking',
      'lots',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--max-thinking must be a whole number or "auto", not "lots"/);
    expect((await run(['generate', '--prompt', 'x'])).code).not.toBe(0);
  });

  it('should fit its requests into a server context of 128 tokens with default budgets, in every mode', async () => {
    const tokenizer = await loadTokenizer(tokenizerFolder);
    const small = await startVllmCompatibleServer({
      model: createThinkingScript({ tokenizer, thoughts: ['\nThree.\n'], answer: 'There are 3.' }),
      tokenizer,
      maxModelLen: 128,
    });
    try {
      for (const mode of ['exact', 'harness', 'readme']) {
        const { code, stdout, stderr } = await run([
          'generate',
          '--base-url',
          small.baseURL,
          '--model',
          's1',
          '--tokenizer',
          tokenizerFolder,
          '--prompt',
          'How many r in raspberry?',
          '--mode',
          mode,
        ]);
        expect({ mode, code, stderr: stderr.includes('s1:') ? stderr : '' }).toEqual({
          mode,
          code: 0,
          stderr: '',
        });
        expect(stdout).toContain('There are 3.');
      }
      expect(small.requests.filter((request) => request.refused !== undefined)).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('should keep every request within --context-length where the server does not report one', async () => {
    const before = server.completions().length;
    const { code } = await run([
      'generate',
      ...serverFlags(),
      '--server',
      'openai',
      '--context-length',
      '100',
      '--prompt',
      'How many r in raspberry?',
    ]);
    expect(code).toBe(0);
    const requests = server.completions().slice(before);
    expect(requests.length).toBeGreaterThan(0);
    for (const { body } of requests) {
      expect((body.prompt as number[]).length + Number(body.max_tokens)).toBeLessThanOrEqual(100);
    }
  });

  it('should name the server and the attempts when it cannot be reached', async () => {
    const { code, stderr } = await run([
      'generate',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--model',
      's1',
      '--tokenizer',
      tokenizerFolder,
      '--prompt',
      'x',
    ]);
    expect(code).toBe(1);
    // The first request asks the server for the model's context.
    expect(stderr).toMatch(/127\.0\.0\.1:9\/v1\/models failed after 4 attempts/);
  }, 120_000);

  it('should give up on a stalled server after --timeout and --retries, saying on stderr that it retries', async () => {
    const tokenizer = await loadTokenizer(tokenizerFolder);
    const stalled = await startVllmCompatibleServer({
      model: createThinkingScript({ tokenizer, thoughts: ['\nThree.\n'], answer: 'There are 3.' }),
      tokenizer,
      faults: { rate: 1, seed: 1, kinds: ['stall'] },
    });
    try {
      const { code, stderr } = await run([
        'generate',
        '--base-url',
        stalled.baseURL,
        '--model',
        's1',
        '--tokenizer',
        tokenizerFolder,
        '--context-length',
        '4096',
        '--prompt',
        'x',
        '--timeout',
        '0.3',
        '--retries',
        '1',
      ]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/no complete response within 300 ms; retrying \(1 retry left\)/);
      expect(stderr).toMatch(/completions failed after 2 attempts/);
      expect(stalled.requests.filter(({ path }) => path === '/v1/completions')).toHaveLength(2);
    } finally {
      await stalled.close();
    }
  });

  it('should run each in-process runtime on --threads', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-cli-threads-'));
    await writeModelFolder({
      folder,
      ...createTinyQwen2({
        vocab: createByteTokenizer(),
        layers: 1,
        hidden: 16,
        heads: 2,
        kvHeads: 1,
      }),
      gguf: 'F32',
    });
    const generateOn = (runtime: string, modelPath: string) =>
      run([
        'generate',
        '--runtime',
        runtime,
        '--model-path',
        modelPath,
        '--threads',
        '1',
        '--prompt',
        'Hi',
        '--raw',
        '--max-tokens',
        '2',
        '--json',
      ]);
    // transformers.js creates its session through the same onnxruntime-node as the SDK's loop.
    const createSession = vi.spyOn(InferenceSession, 'create');
    const createContext = vi.spyOn(LlamaModel.prototype, 'createContext');
    try {
      for (const [runtime, modelPath] of [
        ['onnxruntime', folder],
        ['transformers', folder],
        ['llama-cpp', join(folder, 'model.gguf')],
      ] as const) {
        const { code, stdout } = await generateOn(runtime, modelPath);
        expect({ runtime, code }).toEqual({ runtime, code: 0 });
        expect(JSON.parse(stdout).tokenIds).toHaveLength(2);
      }
      expect(createSession.mock.calls.map((call) => call[1]?.intraOpNumThreads)).toEqual([1, 1]);
      expect(createContext.mock.calls.map((call) => call[0]?.threads)).toEqual([1]);
    } finally {
      createSession.mockRestore();
      createContext.mockRestore();
    }
  }, 60_000);
});
