import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from '../test-utils/run-captured';

/** One mistake people make on the command line, and what the message must name. */
interface Mistake {
  name: string;
  /** The arguments; `$work` is a fresh folder for the case, `$input` a valid records file in it. */
  argv: string[];
  message: RegExp;
}

// Every message speaks in flags: none of the library's option names or zod's generic words.
const libraryWords =
  /maxThinking|minThinking|topP|maxTokens|onInvalid|contextLength|Invalid input|Too big|Too small|expected number|"lib" option/;

// A loopback port nothing listens on (fetch refuses some low ports, such as 9, outright).
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  });
});
const unreachable = ['--base-url', `http://127.0.0.1:${closedPort}/v1`, '--model', 's1'];
const generate = (...argv: string[]) => ['generate', ...unreachable, '--prompt', 'x', ...argv];
const evaluate = (...argv: string[]) => [
  'eval',
  '$input',
  '--benchmark',
  'problems',
  ...unreachable,
  '--out',
  '$work/run',
  ...argv,
];
const createTiny = (...argv: string[]) => ['model', 'create-tiny', '--out', '$work/tiny', ...argv];
const format = (...argv: string[]) => ['format', '$input', '--out', '$work/out.parquet', ...argv];
const select = (...argv: string[]) => [
  'select',
  '--input',
  '$input',
  '--out',
  '$work/sel',
  ...argv,
];

const mistakes: Mistake[] = [
  {
    name: 'a thinking budget that is not a number',
    argv: generate('--max-thinking', 'abc'),
    message: /--max-thinking must be a whole number or "auto", not "abc"/,
  },
  {
    name: 'a negative thinking budget',
    argv: generate('--max-thinking=-5'),
    message: /--max-thinking must be a whole number or "auto", not "-5"/,
  },
  {
    name: 'a minimum above the maximum',
    argv: generate('--min-thinking', '10', '--max-thinking', '5'),
    message: /--min-thinking \(10\) must not be above --max-thinking \(5\)/,
  },
  {
    name: 'a negative count of ends to ignore',
    argv: generate('--ignore', '-1'),
    message: /--ignore must be a whole number, not "-1"/,
  },
  {
    name: 'top-p above 1',
    argv: generate('--top-p', '2'),
    message: /--top-p must be a number above 0 and at most 1, not "2"/,
  },
  {
    name: 'a negative temperature',
    argv: generate('--temperature=-1'),
    message: /--temperature must be a number at least 0/,
  },
  {
    name: 'an answer budget of 0',
    argv: generate('--max-answer', '0'),
    message: /--max-answer must be a whole number of at least 1, not "0"/,
  },
  {
    name: 'a seed with a fraction',
    argv: generate('--seed', '1.5'),
    message: /--seed must be a whole number, not "1\.5"/,
  },
  {
    name: 'a context length of 0',
    argv: generate('--context-length', '0'),
    message: /--context-length must be a whole number of at least 1/,
  },
  {
    name: 'no CPU threads',
    argv: [
      'generate',
      '--runtime',
      'onnxruntime',
      '--model-path',
      '$work',
      '--threads',
      '0',
      '--prompt',
      'x',
    ],
    message: /--threads must be a whole number of at least 1, not "0"/,
  },
  {
    name: 'CPU threads for a server',
    argv: generate('--threads', '2'),
    message:
      /--threads applies to in-process runtimes .*; with --runtime openai the server decides/,
  },
  {
    name: 'CPU threads for a sweep on a server',
    argv: evaluate('--threads', '2'),
    message: /--threads applies to in-process runtimes/,
  },
  {
    name: 'a base URL without its scheme',
    argv: ['generate', '--base-url', 'localhost:8000/v1', '--model', 's1', '--prompt', 'x'],
    message: /--base-url must be a URL that starts with http:\/\/ or https:\/\//,
  },
  {
    name: 'no server given',
    argv: ['generate', '--prompt', 'x'],
    message: /--base-url and --model are required for --runtime openai/,
  },
  {
    name: 'an in-process runtime without a model',
    argv: ['generate', '--runtime', 'onnxruntime', '--prompt', 'x'],
    message: /--model-path is required for --runtime onnxruntime/,
  },
  {
    name: 'a model folder that does not exist',
    argv: ['generate', '--runtime', 'onnxruntime', '--model-path', '$work/none', '--prompt', 'x'],
    message: /--model-path .*none does not exist/,
  },
  {
    name: 'a folder where llama.cpp wants a GGUF file',
    argv: ['generate', '--runtime', 'llama-cpp', '--model-path', '$work', '--prompt', 'x'],
    message: /--model-path .* is a folder; --runtime llama-cpp loads a GGUF file/,
  },
  {
    name: 'a mode that does not exist',
    argv: generate('--mode', 'fast'),
    message:
      /'--mode <mode>' argument 'fast' is invalid. Allowed choices are exact, harness, readme/,
  },
  {
    name: 'a misspelt flag',
    argv: generate('--max-thinkng', '5'),
    message: /unknown option '--max-thinkng'\n\(Did you mean --max-thinking\?\)/,
  },
  {
    name: 'a raw completion of 0 tokens',
    argv: generate('--raw', '--max-tokens', '0'),
    message: /--max-tokens must be a whole number of at least 1/,
  },
  {
    name: 'a server that cannot be reached',
    argv: generate(),
    message: new RegExp(
      `127\\.0\\.0\\.1:${closedPort}/tokenize failed after 4 attempts.*connect ECONNREFUSED`,
    ),
  },
  {
    name: 'an output format chosen by an unknown extension',
    argv: ['format', '$input', '--out', '$work/out.csv'],
    message: /--out must end in \.parquet or \.jsonl .*not "[^"]*out\.csv"/,
  },
  {
    name: 'a block size of 0',
    argv: format('--block-size', '0'),
    message: /--block-size must be a whole number of at least 1/,
  },
  {
    name: 'a list of block sizes with a word in it',
    argv: format('--block-sizes', '4096,big'),
    message: /--block-sizes must be whole numbers of at least 1 separated by commas.*"big"/,
  },
  {
    name: 'an invalid row without --on-invalid skip',
    argv: ['format', '$work/broken.jsonl', '--out', '$work/out.parquet'],
    message: /broken\.jsonl, row 2.*Fix the row, or pass --on-invalid skip/,
  },
  {
    name: 'an output that is the input',
    argv: ['format', '$input', '--out', '$input'],
    message:
      /--out "[^"]*records\.jsonl" is the input: writing it would destroy the records being read/,
  },
  {
    name: 'an --on-invalid action that does not exist',
    argv: format('--on-invalid', 'maybe'),
    message: /'--on-invalid <action>' argument 'maybe' is invalid/,
  },
  {
    name: 'a model of 0 layers',
    argv: createTiny('--layers', '0'),
    message: /--layers must be a whole number of at least 1, not "0"/,
  },
  {
    name: 'a hidden size the heads do not divide',
    argv: createTiny('--hidden', '63'),
    message: /--hidden \(63\) must be --heads \(4\) times an even number/,
  },
  {
    name: 'heads that the key/value heads do not divide',
    argv: createTiny('--kv-heads', '3'),
    message: /--heads \(4\) must be a multiple of --kv-heads \(3\)/,
  },
  {
    name: 'a model written over a folder that is not empty',
    argv: ['model', 'create-tiny', '--out', '$work/full'],
    message: /--out .*full exists and is not empty; choose another --out, or pass --force/,
  },
  {
    name: 'a model written over a file',
    argv: ['model', 'create-tiny', '--out', '$input'],
    message: /--out .* is a file, not a folder/,
  },
  {
    name: 'a sweep with a word among the budgets',
    argv: evaluate('--max', '512,x'),
    message:
      /--max must be whole numbers separated by commas, such as 512,1024,2048; "x" is not one/,
  },
  {
    name: 'no samples',
    argv: evaluate('--samples', '0'),
    message: /--samples must be a whole number of at least 1/,
  },
  {
    name: 'no generation in flight',
    argv: evaluate('--concurrency', '0'),
    message: /--concurrency must be a whole number of at least 1/,
  },
  {
    name: 'no problems',
    argv: evaluate('--limit', '0'),
    message: /--limit must be a whole number of at least 1/,
  },
  {
    name: 'a benchmark file without problems',
    argv: [
      'eval',
      '$work/empty.jsonl',
      '--benchmark',
      'problems',
      ...unreachable,
      '--out',
      '$work/run',
    ],
    message: /empty\.jsonl holds no problems for --benchmark problems/,
  },
  {
    name: 'a sweep without its benchmark',
    argv: ['eval', '$input', ...unreachable, '--out', '$work/run'],
    message: /required option '--benchmark <name>' not specified/,
  },
  {
    name: 'a selection of no records',
    argv: select('--n', '0'),
    message: /--n must be a whole number of at least 1/,
  },
  {
    name: 'a selection into a folder of other files',
    argv: ['select', '--input', '$input', '--out', '$work/full'],
    message: /--out \S*full holds files that are not a previous output \(keep\.txt\)/,
  },
  {
    name: 'a selection under a file',
    argv: ['select', '--input', '$input', '--out', '$input/sel'],
    message:
      /cannot use \S*records\.jsonl\/sel: a part of the path is a file, not a folder \(ENOTDIR\)/,
  },
  {
    name: 'a tokenized set under a file',
    argv: ['format', '$input', '--out', '$input/out.parquet'],
    message: /cannot use \S*records\.jsonl\/out\.parquet: a part of the path is a file/,
  },
  {
    name: 'a seed that is a word',
    argv: select('--seed', 'x'),
    message: /--seed must be a whole number, not "x"/,
  },
  {
    name: 'a demo budget of 0',
    argv: ['demo', '--quick', '--budgets', '0,8', '--out', '$work/demo'],
    message:
      /--budgets must be whole numbers of at least 1 separated by commas, such as 512,1024,2048; "0" is not one/,
  },
  {
    name: 'a demo hidden size the heads do not divide',
    argv: ['demo', '--hidden', '30', '--out', '$work/demo'],
    message: /--hidden must be a multiple of 4 \(the model's 4 attention heads\), not 30/,
  },
  {
    name: 'a demo with steps in words',
    argv: ['demo', '--steps', 'many', '--out', '$work/demo'],
    message: /--steps must be a whole number of at least 1, not "many"/,
  },
  {
    name: 'a demo report under a file',
    argv: ['demo', '--quick', '--out', '$input/demo', '--cache', '$work/cache'],
    message: /cannot use \S*records\.jsonl\/demo: a part of the path is a file/,
  },
  {
    name: 'a command that does not exist',
    argv: ['frobnicate'],
    message: /unknown command 'frobnicate'/,
  },
];

// What a case's folder holds before the command runs: a valid records file, a records file with
// a broken second row, an empty file, and a folder that is not empty.
async function workFolder(): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 's1-cli-mistake-'));
  const record = { question: 'What is 2 + 2?', thinking: '2 + 2 = 4.', answer: '4' };
  await writeFile(join(work, 'records.jsonl'), `${JSON.stringify(record)}\n`);
  await writeFile(
    join(work, 'broken.jsonl'),
    `${JSON.stringify(record)}\n${JSON.stringify({ ...record, question: 7 })}\n`,
  );
  await writeFile(join(work, 'empty.jsonl'), '');
  await mkdir(join(work, 'full'));
  await writeFile(join(work, 'full', 'keep.txt'), 'mine');
  return work;
}

async function listing(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.map((entry) => relative(folder, join(folder, entry))).sort();
}

describe('the command line, used wrongly', () => {
  it('should list at least 25 mistakes', () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(25);
  });

  it.each(mistakes.map((mistake) => [mistake.name, mistake] as const))(
    'should explain %s in command-line terms and leave nothing on disk',
    async (_name, mistake) => {
      const work = await workFolder();
      const before = await listing(work);
      const argv = mistake.argv.map((arg) =>
        arg.replace('$input', join(work, 'records.jsonl')).replace('$work', work),
      );
      const { code, stdout, stderr } = await runCaptured(argv);
      expect({ code, stderr }).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(mistake.message),
      });
      expect(stderr).not.toMatch(libraryWords);
      expect(stdout).toBe('');
      expect(await listing(work)).toEqual(before);
    },
    30_000,
  );

  it('should print its version', async () => {
    const { code, stdout } = await runCaptured(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
