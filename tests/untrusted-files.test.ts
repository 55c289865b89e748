// Seeded mutations of every untrusted file of a model folder (safetensors, GGUF, tokenizer.json,
// tokenizer_config.json with its chat template) through the SDK's public readers, each format in
// a child process so that a hang or a crash fails the test instead of stalling it. Every read
// must end in a value or a typed S1Error, within seconds. S1_FUZZ_MUTATIONS raises the count;
// a failure names the format, the seed and the mutation, which reproduce it.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createByteTokenizer, createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { beforeAll, describe, expect, it } from 'vitest';

const mutations = Number(process.env.S1_FUZZ_MUTATIONS ?? 500);
const seed = 20_261_128;
// A read of a damaged file of this size takes milliseconds; this bound is for a loaded machine.
const slowestReadMs = 10_000;

let modelFolder: string;
beforeAll(async () => {
  modelFolder = join(await mkdtemp(join(tmpdir(), 's1-fuzz-model-')), 'model');
  const tiny = createTinyQwen2({
    layers: 1,
    hidden: 32,
    heads: 2,
    kvHeads: 1,
    vocab: createByteTokenizer({ modelMaxLength: 256 }),
    maxPositionEmbeddings: 256,
  });
  await writeModelFolder({ folder: modelFolder, ...tiny, onnx: false, gguf: 'F32' });
});

interface Line {
  index: number;
  started?: boolean;
  outcome?: 'value' | 'typed' | 'other';
  error?: string;
  ms?: number;
}

function readMutations(format: string): Promise<{ lines: Line[]; exit: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'fuzz', 'read-mutations.mjs'),
        format,
        modelFolder,
        String(mutations),
        String(seed),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    // Generous: 500 reads take seconds; a reader that hangs is killed here.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = output
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Line);
      resolve({ lines, exit: signal ?? String(code) });
    });
  });
}

describe('untrusted model files, mutated', () => {
  it.each(['safetensors', 'gguf', 'tokenizer.json', 'tokenizer_config.json'])(
    'should read every mutation of %s as a value or a typed error, within seconds',
    async (format) => {
      const { lines, exit } = await readMutations(format);
      const ended = lines.filter((line) => line.outcome !== undefined);
      const last = lines.at(-1);
      const where = `format ${format}, seed ${seed}`;
      expect({
        where,
        exit,
        stoppedAt: last?.outcome === undefined ? last?.index : undefined,
      }).toEqual({
        where,
        exit: '0',
        stoppedAt: undefined,
      });
      expect(ended).toHaveLength(mutations);
      expect(
        ended.filter((line) => line.outcome === 'other').map((line) => ({ where, ...line })),
      ).toEqual([]);
      expect(
        ended.filter((line) => (line.ms ?? 0) > slowestReadMs).map((line) => ({ where, ...line })),
      ).toEqual([]);
      // The mutations reach the readers' checks, not only their first byte.
      expect(ended.filter((line) => line.outcome === 'typed').length).toBeGreaterThan(
        mutations / 10,
      );
    },
  );
});
