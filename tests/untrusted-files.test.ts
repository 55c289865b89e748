// Seeded mutations of every untrusted file the SDK reads (a model folder's safetensors, GGUF,
// tokenizer.json, tokenizer_config.json with its chat template and ONNX decoder; Parquet, JSONL
// and JSON datasets; standalone .jinja chat templates) through the SDK's public readers, each
// format in a child process so that a hang, a crash or a runaway allocation fails the test
// instead of stalling it. Every read must end in a value or a typed S1Error, within seconds and
// a bounded memory. S1_FUZZ_MUTATIONS raises the count; a failure names the format, the seed and
// the mutation, which reproduce it.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatTemplatePresets } from '@s1/chat-template';
import { createByteTokenizer, createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { writeJsonl, writeParquet } from '@s1/sft-data';
import { beforeAll, describe, expect, it } from 'vitest';

const mutations = Number(process.env.S1_FUZZ_MUTATIONS ?? 500);
const seed = 20_261_128;
// A read of a damaged file of this size takes milliseconds; this bound is for a loaded machine.
const slowestReadMs = 10_000;
// The readers hold files of kilobytes and a tiny ONNX Runtime session: a child peaks below 200 MiB
// (Node.js, ONNX Runtime and 500 reads' garbage). 1.5 GiB is far above that and far below what a
// length read from a damaged header asks for (gigabytes), so an allocation sized from untrusted
// bytes fails here. The heap limit below it makes a runaway JavaScript allocation crash the child,
// which the test sees, instead of swapping the machine.
const maxRssKiB = 1.5 * 1024 * 1024;
const childHeapMiB = 1024;
// Five minutes per 500 mutations, whatever S1_FUZZ_MUTATIONS asks for.
const childTimeoutMs = Math.max(1, mutations / 500) * 5 * 60_000;

// The valid files the mutations start from, one folder per kind of source.
const sources: Record<'model' | 'onnx' | 'records' | 'template', string> = {
  model: '',
  onnx: '',
  records: '',
  template: '',
};
const formats: [format: string, source: keyof typeof sources][] = [
  ['safetensors', 'model'],
  ['gguf', 'model'],
  ['tokenizer.json', 'model'],
  ['tokenizer_config.json', 'model'],
  ['onnx', 'onnx'],
  ['parquet:fail', 'records'],
  ['parquet:skip', 'records'],
  ['jsonl:fail', 'records'],
  ['jsonl:skip', 'records'],
  ['json:fail', 'records'],
  ['json:skip', 'records'],
  ['chat_template.jinja', 'template'],
];

// A few s1K-like records in the shape sftRecordSchema reads.
const records = [
  {
    question: 'What is 3 × 4?',
    thinking: ['3 × 4 is 3 + 3 + 3 + 3.', 'Wait, that is 12.'],
    answer: '12',
  },
  {
    question: 'Name a prime above 10.',
    thinking: ['11 has no divisors but 1 and 11.'],
    answer: '11',
  },
  {
    question: 'Let $x$ exceed $1$ with $\\log_x 8 = 3$. Find $x$.',
    thinking: ['$x^3 = 8$, so $x = 2$.', 'Check: $2^3 = 8$.', 'Done.'],
    answer: '$\\boxed{2}$',
  },
  { question: 'Spell "cat" backwards.', thinking: ['c, a, t reversed: t, a, c.'], answer: 'tac' },
  { question: '¿Cuánto es 7 − 2? 🤔', thinking: ['7 − 2 = 5'], answer: '5' },
];

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 's1-fuzz-sources-'));
  for (const kind of Object.keys(sources) as (keyof typeof sources)[]) {
    sources[kind] = join(root, kind);
    await mkdir(sources[kind], { recursive: true });
  }
  const tiny = createTinyQwen2({
    layers: 1,
    hidden: 32,
    heads: 2,
    kvHeads: 1,
    vocab: createByteTokenizer({ modelMaxLength: 256 }),
    maxPositionEmbeddings: 256,
  });
  await writeModelFolder({ folder: sources.model, ...tiny, onnx: false, gguf: 'F32' });
  // The smallest decoder ONNX Runtime runs, so that 500 sessions take seconds.
  const tinier = createTinyQwen2({
    layers: 1,
    hidden: 16,
    heads: 2,
    kvHeads: 1,
    vocab: createByteTokenizer({ modelMaxLength: 64 }),
    maxPositionEmbeddings: 64,
  });
  await writeModelFolder({ folder: sources.onnx, ...tinier, onnx: true });
  await writeParquet(join(sources.records, 'records.parquet'), records);
  await writeJsonl(join(sources.records, 'records.jsonl'), records);
  await writeFile(join(sources.records, 'records.json'), JSON.stringify(records, null, 1));
  await writeFile(
    join(sources.template, 'chat_template.jinja'),
    chatTemplatePresets['qwen2.5'].template,
  );
});

interface Line {
  index: number;
  started?: boolean;
  outcome?: 'value' | 'typed' | 'other';
  error?: string;
  ms?: number;
  /** Rows left out of a value read with `onInvalid: 'skip'`. */
  skipped?: number;
  maxRssKiB?: number;
}

function readMutations(format: string, folder: string): Promise<{ lines: Line[]; exit: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${childHeapMiB}`,
        join(import.meta.dirname, 'fuzz', 'read-mutations.mjs'),
        format,
        folder,
        String(mutations),
        String(seed),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    // Generous: 500 reads take seconds; a reader that hangs is killed here.
    const timer = setTimeout(() => child.kill('SIGKILL'), childTimeoutMs);
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
  it.each(formats)(
    'should read every mutation of %s as a value or a typed error, within seconds and bounded memory',
    async (format, source) => {
      const { lines, exit } = await readMutations(format, sources[source]);
      const ended = lines.filter((line) => line.outcome !== undefined);
      const count = (outcome: Line['outcome']) =>
        ended.filter((line) => line.outcome === outcome).length;
      console.info(
        `${format}: ${count('value')} values (${ended.filter((line) => (line.skipped ?? 0) > 0).length} with rows skipped), ${count('typed')} typed errors, ${count('other')} other; slowest ${Math.max(0, ...ended.map((line) => line.ms ?? 0))} ms, peak RSS ${Math.round(Math.max(0, ...ended.map((line) => line.maxRssKiB ?? 0)) / 1024)} MiB`,
      );
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
      // The first mutation that took the child's peak memory over the bound, if any.
      expect(
        ended
          .filter((line) => (line.maxRssKiB ?? 0) > maxRssKiB)
          .slice(0, 1)
          .map((line) => ({ where, ...line })),
      ).toEqual([]);
      // The mutations reach the readers' checks, not only their first byte: a typed error, or
      // rows left out with `onInvalid: 'skip'`.
      expect(
        ended.filter((line) => line.outcome === 'typed' || (line.skipped ?? 0) > 0).length,
      ).toBeGreaterThan(mutations / 10);
    },
    childTimeoutMs + 60_000,
  );
});
