// Reads `count` seeded mutations of one untrusted file of a model folder through the SDK's public
// readers, one JSON line as each starts ({ index, started }) and one as it ends
// ({ index, outcome: 'value' | 'typed' | 'other', error, ms }).
// Run as a child process, so that a hang or a crash of a reader is seen by the parent.
//   node read-mutations.mjs FORMAT MODEL_FOLDER COUNT SEED
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChatTemplate, loadTokenizer, S1Error } from '@s1/chat-template';
import { createSeededRandom, openSafetensors, readGgufHeader } from '@s1/model-io';

const [format, modelFolder, count, seed] = process.argv.slice(2);
const random = createSeededRandom(Number(seed));
const below = (limit) => Math.floor(random.uniform() * limit);

// Byte flips, a truncation, a large number written over eight bytes, or text inserted.
function mutate(bytes) {
  const copy = Buffer.from(bytes);
  switch (below(4)) {
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
      const text = ['{', '}', '[', ']', '"', '\\', ',', ':', '1e999', '-1', 'null', '{%', '%}'];
      return Buffer.concat([
        copy.subarray(0, at),
        Buffer.from(text[below(text.length)]),
        copy.subarray(at),
      ]);
    }
  }
}

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
};

const { file, read } = formats[format];
const original = await readFile(join(modelFolder, file));
const names = (await readdir(modelFolder)).filter((name) => name !== 'onnx');
for (let index = 0; index < Number(count); index++) {
  // A folder of its own per mutation: a read left running must never see the next one's bytes.
  const folder = await mkdtemp(join(tmpdir(), 's1-fuzz-'));
  await mkdir(folder, { recursive: true });
  for (const name of names)
    if (name !== file) await copyFile(join(modelFolder, name), join(folder, name));
  await writeFile(join(folder, file), mutate(original));
  process.stdout.write(`${JSON.stringify({ index, started: true })}\n`);
  let line;
  const started = performance.now();
  try {
    await read(folder);
    line = { index, outcome: 'value' };
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
  process.stdout.write(`${JSON.stringify(line)}\n`);
  await rm(folder, { recursive: true, force: true });
}
