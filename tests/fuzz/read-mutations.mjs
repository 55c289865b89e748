// Reads `count` seeded mutations of one untrusted file through the SDK's public readers, one JSON
// line as each starts ({ index, started }) and one as it ends
// ({ index, outcome: 'value' | 'typed' | 'other', error, ms, skipped, maxRssKiB }).
// Run as a child process, so that a hang, a crash or a runaway allocation of a reader is seen by
// the parent.
//   node read-mutations.mjs FORMAT SOURCE_FOLDER COUNT SEED
// SOURCE_FOLDER holds the valid file (`file` of the format) and the files read beside it.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { loadChatTemplate, loadTokenizer, S1Error } from '@s1/chat-template';
import { createSeededRandom } from '@s1/errors';
import { openSafetensors, readGgufHeader } from '@s1/model-io';
import { iterateRecords, readRecords, sftRecordSchema } from '@s1/sft-data';

const [format, sourceFolder, count, seed] = process.argv.slice(2);
const random = createSeededRandom(Number(seed));
const below = (limit) => Math.floor(random.uniform() * limit);

// Inserted into JSON-like text.
const textInsertions = ['{', '}', '[', ']', '"', '\\', ',', ':', '1e999', '-1', 'null', '{%', '%}'];

// Inserted into chat templates: loops, strings, lists and recursion past the render limits,
// unclosed and stray tags, and runtime errors.
const templateInsertions = [
  '{% for i in range(100000000) %}x{% endfor %}',
  "{{ 'x' * 100000000 }}",
  "{{ 'x' * 10000000000 }}",
  '{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}',
  '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}',
  "{% set s = 'xx' %}{% for i in range(40) %}{% set s = s + s %}{% endfor %}{{ s }}",
  '{% for i in range(99999) %}{{ messages | tojson }}{% endfor %}',
  '{{ range(99999) | join(", ") }}',
  '{{ messages | tojson(indent=100000000) }}',
  "{{ 'x' | center(100000000) }}",
  "{{ 'x' | indent(100000000) }}",
  "{{ raise_exception('refused by the template') }}",
  '{{ messages[100000000].content }}',
  '{{ 1 / 0 }}',
  '{{ messages.content.content() }}',
  '{% set ns = namespace(n=0) %}{% for i in range(99999) %}{% set ns.n = ns.n + 1 %}{% endfor %}',
  '{% if true %}',
  '{% for message in messages %}',
  '{% macro m() %}',
  '{{ ',
  '{% ',
  '{# ',
  '{% endfor %}',
  '{% endif %}',
  '{% generation %}',
];

// Byte flips, a truncation, a large number written over eight bytes, or text inserted; with
// `insertions`, half of the mutations insert one of them instead.
function mutate(bytes, insertions = []) {
  const copy = Buffer.from(bytes);
  const kind = below(insertions.length > 0 ? 8 : 4);
  switch (kind) {
    case 0: {
      for (let flips = 1 + below(8); flips > 0; flips--) copy[below(copy.length)] = below(256);
      return copy;
    }
    case 1:
      return copy.subarray(0, below(copy.length));
    case 2: {
      const at = below(Math.max(1, copy.length - 8));
      copy.writeBigUInt64LE(BigInt(below(2 ** 31)) * BigInt(1 + below(2 ** 31)), at);
      return copy;
    }
    default: {
      const at = below(copy.length);
      const text = kind === 3 ? textInsertions : insertions;
      return Buffer.concat([
        copy.subarray(0, at),
        Buffer.from(text[below(text.length)]),
        copy.subarray(at),
      ]);
    }
  }
}

// Reads every record of a dataset file both ways: 'fail' must end in records or a typed error,
// 'skip' in records (and a report that accounts for every row read) or a typed error for a
// damaged file.
const recordFormats = Object.fromEntries(
  ['parquet', 'jsonl', 'json'].flatMap((extension) => [
    [
      `${extension}:fail`,
      {
        file: `records.${extension}`,
        read: (folder) =>
          readRecords(join(folder, `records.${extension}`), {
            schema: sftRecordSchema,
            onInvalid: 'fail',
          }),
      },
    ],
    [
      `${extension}:skip`,
      {
        file: `records.${extension}`,
        read: async (folder) => {
          const records = iterateRecords(join(folder, `records.${extension}`), {
            schema: sftRecordSchema,
            onInvalid: 'skip',
          });
          let yielded = 0;
          for await (const _ of records) yielded++;
          const { rowsRead, rowsSkipped, skipped } = records.report;
          if (yielded + rowsSkipped !== rowsRead || skipped.length !== rowsSkipped) {
            throw new Error(
              `the report does not account for every row: ${yielded} records, ${rowsSkipped} skipped (${skipped.length} listed), ${rowsRead} read`,
            );
          }
          return { skipped: rowsSkipped };
        },
      },
    ],
  ]),
);

// Each format: the file mutated, and what reads it through the public API.
const formats = {
  safetensors: {
    file: 'model.safetensors',
    read: async (folder) => {
      const file = await openSafetensors(join(folder, 'model.safetensors'));
      try {
        for (const name of file.tensors.keys()) await file.readFloat32(name);
      } finally {
        await file.close();
      }
    },
  },
  gguf: {
    file: 'model.gguf',
    read: (folder) => readGgufHeader(join(folder, 'model.gguf'), { tensorTypes: 'any' }),
  },
  'tokenizer.json': {
    file: 'tokenizer.json',
    read: async (folder) => (await loadTokenizer(folder)).encode('Wait, 3 × 4 = 12.'),
  },
  'tokenizer_config.json': {
    file: 'tokenizer_config.json',
    read: async (folder) =>
      (await loadChatTemplate({ path: folder })).render([{ role: 'user', content: 'Hi' }], {
        addGenerationPrompt: true,
      }),
  },
  // The decoder opened by the in-process ONNX Runtime backend; a model that still opens runs a
  // short generation, so a damaged but loadable graph or weight is run too.
  onnx: {
    file: join('onnx', 'model.onnx'),
    read: async (folder) => {
      const backend = await createOnnxRuntimeBackend({ model: folder });
      try {
        await backend.generate({ prompt: { text: 'Hi' }, maxTokens: 3 });
      } finally {
        await backend.close();
      }
    },
  },
  ...recordFormats,
  // A standalone template file, rendered.
  'chat_template.jinja': {
    file: 'chat_template.jinja',
    insertions: templateInsertions,
    read: async (folder) =>
      (await loadChatTemplate({ path: join(folder, 'chat_template.jinja') })).render(
        [
          { role: 'system', content: 'Think step by step.' },
          { role: 'user', content: 'What is 3 × 4?' },
          { role: 'assistant', content: '12' },
          { role: 'user', content: 'And 3 × 5?' },
        ],
        { addGenerationPrompt: true },
      ),
  },
};

const { file, read, insertions } = formats[format];
const original = await readFile(join(sourceFolder, file));
// The other files of the folder, read beside the mutated one.
const others = (await readdir(sourceFolder, { withFileTypes: true }))
  .filter((entry) => entry.isFile() && entry.name !== file)
  .map((entry) => entry.name);
for (let index = 0; index < Number(count); index++) {
  // A folder of its own per mutation: a read left running must never see the next one's bytes.
  const folder = await mkdtemp(join(tmpdir(), 's1-fuzz-'));
  await mkdir(dirname(join(folder, file)), { recursive: true });
  for (const name of others) await copyFile(join(sourceFolder, name), join(folder, name));
  await writeFile(join(folder, file), mutate(original, insertions));
  process.stdout.write(`${JSON.stringify({ index, started: true })}\n`);
  let line;
  const started = performance.now();
  try {
    const value = await read(folder);
    line = { index, outcome: 'value', skipped: value?.skipped };
  } catch (error) {
    line = S1Error.isInstance(error)
      ? { index, outcome: 'typed' }
      : {
          index,
          outcome: 'other',
          error: `${error?.name}: ${String(error?.message).slice(0, 300)}`,
        };
  }
  line.ms = Math.round(performance.now() - started);
  // The peak resident memory of the process so far, in KiB.
  line.maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(line)}\n`);
  await rm(folder, { recursive: true, force: true });
}
