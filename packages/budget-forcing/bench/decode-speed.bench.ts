/**
 * Decode speed of the in-process backends on the same weights and the same CPU threads: the SDK's
 * ONNX Runtime loop (the baseline), transformers.js on the same ONNX file, and llama.cpp
 * (node-llama-cpp, F32 GGUF), greedy, one token at a time through the backend spec (sample +
 * append), for a tiny model and a larger one (8 layers × 512 hidden), at 1 and 2 threads. Each
 * row gives every runtime the same threads; median of runs.
 *
 *   npm run bench --workspace @s1/budget-forcing
 *   npx tsx bench/decode-speed.bench.ts --threads 1,2,4 --tokens 64 --repeats 5
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import type { BackendV1 } from '../src/index';
import { createLlamaCppBackend } from '../src/llama-cpp/index';
import { createOnnxRuntimeBackend } from '../src/onnxruntime/index';
import { createTransformersBackend } from '../src/transformers/index';

const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '5' },
    threads: { type: 'string', default: '1,2' },
  },
});
const tokens = Number(values.tokens);
const repeats = Number(values.repeats);
const threadCounts = values.threads.split(',').map(Number);
const prompt = [151644, 872, 198, 4340, 1657, 435, 304, 65508, 30, 151645, 198, 151644, 77091, 198];

/** The median tokens per second of `repeats` runs, after one that warms up. */
async function tokensPerSecond(backend: BackendV1): Promise<number> {
  const open = backend.open?.bind(backend);
  if (open === undefined) throw new Error(`${backend.provider} does not step tokens`);
  const rates: number[] = [];
  for (let repeat = 0; repeat <= repeats; repeat++) {
    const session = await open({ promptIds: prompt, sampling: { temperature: 0 } });
    const start = performance.now();
    for (let index = 0; index < tokens; index++) await session.append([await session.sample()]);
    const seconds = (performance.now() - start) / 1000;
    await session.close();
    if (repeat > 0) rates.push(tokens / seconds);
  }
  return [...rates].sort((a, b) => a - b)[rates.length >> 1] as number;
}

/** Loads a backend, measures it and frees it, so one runtime's threads never compete with another's. */
async function measure(create: () => Promise<BackendV1 & { close(): Promise<void> }>) {
  const backend = await create();
  try {
    return await tokensPerSecond(backend);
  } finally {
    await backend.close();
  }
}

const models = [
  {
    name: 'tiny (2 layers × 64)',
    options: { layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 1 },
  },
  {
    name: '8 layers × 512',
    options: { layers: 8, hidden: 512, heads: 8, kvHeads: 2, seed: 2, tieWordEmbeddings: true },
  },
];
console.log(
  `\ngreedy decoding, ${tokens} tokens after a ${prompt.length}-token prompt, median of ${repeats} runs, every runtime on the threads of its row (Node ${process.version})\n`,
);
console.log(
  '| model | threads | ONNX Runtime (SDK loop) tokens/s | transformers.js tokens/s | llama.cpp tokens/s | transformers.js ÷ ONNX Runtime | llama.cpp ÷ ONNX Runtime |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const { name, options } of models) {
  const folder = await mkdtemp(join(tmpdir(), 's1-decode-bench-'));
  try {
    await writeModelFolder({ folder, ...createTinyQwen2(options), gguf: 'F32' });
    for (const threads of threadCounts) {
      const onnxRate = await measure(() => createOnnxRuntimeBackend({ model: folder, threads }));
      const transformersRate = await measure(() =>
        createTransformersBackend({ model: folder, threads }),
      );
      const llamaRate = await measure(() =>
        createLlamaCppBackend({
          model: join(folder, 'model.gguf'),
          kvCacheType: 'F32',
          contextSize: 512,
          threads,
        }),
      );
      const ratio = (rate: number) => `${(rate / onnxRate).toFixed(2)}×`;
      console.log(
        `| ${name} | ${threads} | ${onnxRate.toFixed(1)} | ${transformersRate.toFixed(1)} | ${llamaRate.toFixed(1)} | ${ratio(transformersRate)} | ${ratio(llamaRate)} |`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
