/**
 * Peak memory of `writeModelFolder` (safetensors and ONNX) for a model shaped as Qwen2.5-0.5B,
 * against the bytes of its float32 weights. Each measurement is a child process of its own: it
 * fills the weights (a constant per tensor, so every page is resident, as real weights are),
 * writes the folder, and reports its peak resident memory from the OS (getrusage).
 *
 *   npm run bench --workspace @s1/model-io -- --repeats 3 --dir /dev/shm
 *
 * `--dir` is where the folders are written (default: the OS temporary folder); each run writes
 * about 4 GB and removes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createByteTokenizer,
  qwen2ArchitectureFromConfig,
  qwen2TensorSpecs,
  writeModelFolder,
} from '../src/index';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '1' },
    dir: { type: 'string', default: tmpdir() },
    // Internal: measure once, in this process, and print the measure as JSON.
    run: { type: 'boolean', default: false },
  },
});

// Qwen2.5-0.5B's config.json, the fields the architecture reads.
const architecture = qwen2ArchitectureFromConfig({
  model_type: 'qwen2',
  vocab_size: 151_936,
  hidden_size: 896,
  intermediate_size: 4864,
  num_hidden_layers: 24,
  num_attention_heads: 14,
  num_key_value_heads: 2,
  rope_theta: 1_000_000,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: true,
  max_position_embeddings: 32_768,
  bos_token_id: 151_643,
  eos_token_id: 151_645,
});

interface Measure {
  weightBytes: number;
  rssBeforeBytes: number;
  peakBytes: number;
  seconds: number;
}

if (values.run) {
  const weights = new Map<string, Float32Array>();
  for (const [index, { name, shape }] of qwen2TensorSpecs(architecture).entries()) {
    const size = shape.reduce((product, dim) => product * dim, 1);
    weights.set(name, new Float32Array(size).fill(0.001 * (index + 1)));
  }
  const weightBytes = [...weights.values()].reduce((sum, data) => sum + data.byteLength, 0);
  const rssBeforeBytes = process.memoryUsage().rss;
  const folder = await mkdtemp(join(values.dir, 's1-write-model-folder-'));
  const started = performance.now();
  try {
    await writeModelFolder({ folder, architecture, weights, tokenizer: createByteTokenizer() });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const measure: Measure = {
    weightBytes,
    rssBeforeBytes,
    peakBytes: process.resourceUsage().maxRSS * 1024,
    seconds: (performance.now() - started) / 1000,
  };
  console.log(JSON.stringify(measure));
} else {
  const measures: Measure[] = [];
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--run', '--dir', values.dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`the measurement failed (${child.status})`);
    measures.push(JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measure);
  }
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(2);
  const median = (pick: (measure: Measure) => number) =>
    [...measures.map(pick)].sort((a, b) => a - b)[Math.floor(measures.length / 2)] as number;
  const weightBytes = measures[0]?.weightBytes ?? 0;
  console.log(
    `Qwen2.5-0.5B-shaped model, ${gib(weightBytes)} GiB of float32 weights; safetensors + ONNX; median of ${measures.length} (a child process each)`,
  );
  console.log('| weights GiB | RSS before writing GiB | peak RSS GiB | peak ÷ weights | seconds |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| ${gib(weightBytes)} | ${gib(median((m) => m.rssBeforeBytes))} | ${gib(median((m) => m.peakBytes))} | ${(median((m) => m.peakBytes) / weightBytes).toFixed(2)}× | ${median((m) => m.seconds).toFixed(0)} |`,
  );
}
