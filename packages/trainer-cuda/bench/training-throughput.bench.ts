/**
 * Training speed and memory of the compiled training graph on this machine's CPU:
 *
 * 1. tokens/s and model-FLOPs utilisation of one optimizer step (8 layers × 512 hidden, the real
 *    Qwen2.5 vocabulary, 512 positions), against ONNX Runtime's own MatMul throughput measured in
 *    the same run at the same thread count (the ratio is the figure);
 * 2. peak resident memory per parameter while training it;
 * 3. the speed-up of several optimizer steps in one call (an ONNX Loop) over one call per step,
 *    on that model and on a small one: each call hands every weight and Adam moment back to
 *    JavaScript, and onnxruntime-node's outputs cost far more than its kernels (about 1.3 s per
 *    400 MB here, against 30 ms to compute them), so steps per call divide that cost;
 * 4. activation recomputation: peak resident memory and step time of the 8 × 512 model over the
 *    byte vocabulary (so the layers' activations, not the output head, dominate), 4 rows × 512
 *    tokens, keeping every layer's activations against recomputing them in the backward pass,
 *    each configuration in a process of its own (peak memory is per process).
 *
 * Medians of runs.   npm run bench --workspace @s1/trainer-cuda
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createByteTokenizer,
  createGraphBuilder,
  createTinyQwen2,
  serializeOnnxModel,
} from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { trainingParameters } from '../src/qwen2/training-parameters';
import { toTrainingLayout } from '../src/qwen2/weight-layout';
import { benchmarkModel, median, sessionOptionsFor, trainingRun } from './training-run';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    'steps-per-call': { type: 'string', default: '4' },
  },
});
const stepsPerCall = Number(values['steps-per-call']);
const repeats = Number(values.repeats);
const threads = Number(values.threads);
const sessionOptions = sessionOptionsFor(threads);

/** ONNX Runtime's MatMul of [m, k] × [k, n], in FLOP/s (median). */
async function matMulThroughput(m: number, k: number, n: number): Promise<number> {
  const graph = createGraphBuilder('matmul');
  graph.input('a', 'float32', [m, k]);
  graph.input('b', 'float32', [k, n]);
  graph.node('MatMul', ['a', 'b'], { outputs: ['c'] });
  graph.output('c', 'float32', [m, n]);
  const session = await ort.InferenceSession.create(
    serializeOnnxModel(graph.toModel()),
    sessionOptions,
  );
  const feeds = {
    a: new ort.Tensor('float32', new Float32Array(m * k).fill(0.01), [m, k]),
    b: new ort.Tensor('float32', new Float32Array(k * n).fill(0.01), [k, n]),
  };
  const fetches = { c: new ort.Tensor('float32', new Float32Array(m * n), [m, n]) };
  await session.run(feeds, fetches);
  const rates: number[] = [];
  for (let repeat = 0; repeat < repeats + 2; repeat++) {
    const start = performance.now();
    await session.run(feeds, fetches);
    rates.push((2 * m * k * n) / ((performance.now() - start) / 1000));
  }
  await session.release();
  return median(rates);
}

// 1 and 2: the 8 × 512 model at 512 positions.
const positions = 512;
const big = benchmarkModel();
const { parameterCount } = big;
const { layers, hiddenSize: hidden, vocabSize } = big.architecture;
// 6 FLOPs per parameter and token (forward and backward; the tied embedding also serves as the
// output head, so every parameter multiplies), plus attention's two T × T × d products per layer,
// 12 · L · T² · d in all (not halved for the causal mask).
const flopsPerStep = 6 * parameterCount * positions + 12 * layers * positions * positions * hidden;
// The runtime settles after a couple of calls (its memory arena grows, pages are first touched).
async function secondsPerStep(steps: number): Promise<number> {
  const run = await trainingRun({ ...big, positions, steps, rows: 1, threads });
  for (let warmup = 0; warmup < 2; warmup++) await run.seconds();
  const samples: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) samples.push((await run.seconds()) / steps);
  await run.release();
  return median(samples);
}
const perCallStep = await secondsPerStep(1);
const stepSeconds = await secondsPerStep(stepsPerCall);
const peakRss = process.resourceUsage().maxRSS * 1024;

const shapes: [string, number, number, number][] = [
  ['[512 × 512] · [512 × 1408] (MLP)', positions, hidden, 1408],
  ['[512 × 512] · [512 × 151665] (output head)', positions, hidden, vocabSize],
  ['[2048 × 2048] · [2048 × 2048]', 2048, 2048, 2048],
];
const matmul: [string, number][] = [];
for (const [name, m, k, n] of shapes) matmul.push([name, await matMulThroughput(m, k, n)]);
const peak = Math.max(...matmul.map(([, rate]) => rate));
const achieved = flopsPerStep / stepSeconds;

console.log(
  `\ntraining on ONNX Runtime ${ort.env.versions.common} CPU, ${threads} threads, median of ${repeats} runs (Node ${process.version})\n`,
);
console.log('| measure | value |');
console.log('|---|---:|');
console.log(
  `| model | ${layers} layers × ${hidden} hidden, vocabulary ${vocabSize}, ${(parameterCount / 1e6).toFixed(1)} M parameters |`,
);
console.log(
  `| one optimizer step, ${positions} tokens, ${stepsPerCall} steps per call | ${stepSeconds.toFixed(2)} s |`,
);
console.log(`| one optimizer step, one step per call | ${perCallStep.toFixed(2)} s |`);
console.log(
  `| **speed-up of ${stepsPerCall} steps in one call (ONNX Loop)** | **${(perCallStep / stepSeconds).toFixed(2)}×** |`,
);
console.log(`| training tokens/s | ${(positions / stepSeconds).toFixed(0)} |`);
console.log(
  `| training FLOP/s (${(flopsPerStep / 1e9).toFixed(0)} GFLOP per step) | ${(achieved / 1e9).toFixed(1)} G |`,
);
for (const [name, rate] of matmul)
  console.log(`| ONNX Runtime MatMul ${name} | ${(rate / 1e9).toFixed(1)} GFLOP/s |`);
console.log(
  `| **model-FLOPs utilisation vs the fastest MatMul** | **${((100 * achieved) / peak).toFixed(0)}%** |`,
);
// The same FLOPs at the speed ONNX Runtime multiplies the step's own shapes: the output head's
// three products at the head's speed, the rest at the MLP's.
const headFlops = 6 * positions * hidden * vocabSize;
const shapeBound =
  headFlops / (matmul[1]?.[1] as number) + (flopsPerStep - headFlops) / (matmul[0]?.[1] as number);
console.log(
  `| model-FLOPs utilisation vs MatMuls of the step's own shapes | ${((100 * shapeBound) / stepSeconds).toFixed(0)}% |`,
);
console.log(
  `| peak resident memory | ${(peakRss / 2 ** 30).toFixed(2)} GiB, ${(peakRss / parameterCount).toFixed(1)} bytes per parameter |`,
);

// 3: many small steps, one call per step against 8 steps per call (an ONNX Loop).
const small = createTinyQwen2({
  layers: 2,
  hidden: 128,
  heads: 4,
  kvHeads: 2,
  intermediate: 256,
  tieWordEmbeddings: true,
  seed: 1,
  vocab: createByteTokenizer(),
});
const smallWeights = toTrainingLayout(small.weights, trainingParameters(small.architecture));
const smallRun = {
  architecture: small.architecture,
  weights: smallWeights,
  positions: 64,
  rows: 4,
  threads,
};
const perCall = await trainingRun({ ...smallRun, steps: 1 });
const looped = await trainingRun({ ...smallRun, steps: 8 });
await perCall.seconds();
await looped.seconds();
const oneByOne: number[] = [];
const inLoop: number[] = [];
for (let repeat = 0; repeat < repeats + 2; repeat++) {
  let seconds = 0;
  for (let step = 0; step < 8; step++) seconds += await perCall.seconds();
  oneByOne.push(seconds);
  inLoop.push(await looped.seconds());
}
await Promise.all([perCall.release(), looped.release()]);
console.log('\n| 8 optimizer steps (2 layers × 128, 4 rows × 64 tokens) | seconds |');
console.log('|---|---:|');
console.log(`| one call per step | ${median(oneByOne).toFixed(3)} |`);
console.log(`| 8 steps in one call (ONNX Loop) | ${median(inLoop).toFixed(3)} |`);
console.log(
  `| **speed-up of the Loop** | **${(median(oneByOne) / median(inLoop)).toFixed(2)}×** |`,
);

// 4: keeping against recomputing each layer's activations.
const probe = (mode: 'keep' | 'recompute') =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(new URL('./recompute-probe.ts', import.meta.url)),
        '4',
        '512',
        mode,
        String(threads),
        String(repeats),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    ),
  ) as { peakRss: number; secondsPerStep: number };
const kept = probe('keep');
const recomputed = probe('recompute');
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
console.log(
  `\n| ${layers} layers × ${hidden}, byte vocabulary, 4 rows × 512 tokens per step | peak resident memory | seconds per step |`,
);
console.log('|---|---:|---:|');
console.log(`| activations kept | ${gib(kept.peakRss)} | ${kept.secondsPerStep.toFixed(2)} |`);
console.log(
  `| each layer recomputed in the backward pass | ${gib(recomputed.peakRss)} | ${recomputed.secondsPerStep.toFixed(2)} |`,
);
console.log(
  `| **recomputed / kept** | **${(recomputed.peakRss / kept.peakRss).toFixed(2)}×** | **${(recomputed.secondsPerStep / kept.secondsPerStep).toFixed(2)}×** |`,
);
