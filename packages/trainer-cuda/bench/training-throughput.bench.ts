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
 *    400 MB here, against 30 ms to compute them), so steps per call divide that cost.
 *
 * Medians of runs.   npm run bench --workspace @s1/trainer-cuda
 */
import { parseArgs } from 'node:util';
import {
  createByteTokenizer,
  createGraphBuilder,
  createTinyQwen2,
  type Qwen2Architecture,
  serializeOnnxModel,
} from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { trainingParameters } from '../src/qwen2/training-parameters';
import { toTrainingLayout } from '../src/qwen2/weight-layout';
import { compileTrainingGraph } from '../src/step/compile-training-graph';
import { stepNames } from '../src/step/step-names';

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
const sessionOptions = {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
} as const;
const optimizer = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 1e-4, maxGradNorm: 1 };
const median = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[samples.length >> 1] as number;
const sizeOf = (shape: readonly number[]) => shape.reduce((product, size) => product * size, 1);

/** A session of the training graph and its feeds for `steps` steps of one row of `positions` tokens. */
async function trainingRun(
  architecture: Qwen2Architecture,
  weights: Map<string, Float32Array>,
  positions: number,
  steps: number,
  rows: number,
) {
  const { model, parameters } = compileTrainingGraph({
    architecture,
    rows,
    positions,
    accumulation: 1,
    steps,
    optimizer,
  });
  const session = await ort.InferenceSession.create(serializeOnnxModel(model), sessionOptions);
  const feeds: Record<string, ort.Tensor> = {};
  const fetches: Record<string, ort.Tensor | null> = {
    loss: null,
    grad_norm: null,
    trained_tokens: null,
  };
  for (const { name, shape } of parameters) {
    const tensor = (data: Float32Array) => new ort.Tensor('float32', data, shape);
    feeds[stepNames.parameter(name)] = tensor(weights.get(name) as Float32Array);
    feeds[stepNames.firstMoment(name)] = tensor(new Float32Array(sizeOf(shape)));
    feeds[stepNames.secondMoment(name)] = tensor(new Float32Array(sizeOf(shape)));
    for (const input of [
      stepNames.parameter(name),
      stepNames.firstMoment(name),
      stepNames.secondMoment(name),
    ]) {
      fetches[stepNames.next(input)] = tensor(new Float32Array(sizeOf(shape)));
    }
  }
  const tokens = steps * rows * positions;
  const ids = BigInt64Array.from({ length: tokens }, (_, index) =>
    BigInt((index * 7919) % architecture.vocabSize),
  );
  const dims = [steps, 1, rows, positions];
  feeds.input_ids = new ort.Tensor('int64', ids, dims);
  feeds.labels = new ort.Tensor('int64', ids, dims);
  feeds.position_ids = new ort.Tensor(
    'int64',
    BigInt64Array.from({ length: tokens }, (_, index) => BigInt(index % positions)),
    dims,
  );
  feeds.segment_ids = new ort.Tensor('int64', new BigInt64Array(tokens).fill(1n), dims);
  feeds.learning_rate = new ort.Tensor('float32', new Float32Array(steps).fill(1e-5), [steps]);
  feeds.first_step = new ort.Tensor('float32', Float32Array.of(0), []);
  return {
    tokens,
    async seconds() {
      const start = performance.now();
      await session.run(feeds, fetches);
      return (performance.now() - start) / 1000;
    },
    release: () => session.release(),
  };
}

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
const big = createTinyQwen2({
  layers: 8,
  hidden: 512,
  heads: 8,
  kvHeads: 2,
  intermediate: 1408,
  tieWordEmbeddings: true,
  maxPositionEmbeddings: 4096,
  seed: 0,
});
const bigParameters = trainingParameters(big.architecture);
const parameterCount = bigParameters.reduce((sum, { shape }) => sum + sizeOf(shape), 0);
const { layers, hiddenSize: hidden, vocabSize } = big.architecture;
// 6 FLOPs per parameter and token (forward and backward; the tied embedding also serves as the
// output head, so every parameter multiplies), plus attention's two T × T × d products per layer,
// 12 · L · T² · d in all (not halved for the causal mask).
const flopsPerStep = 6 * parameterCount * positions + 12 * layers * positions * positions * hidden;
const bigWeights = toTrainingLayout(big.weights, bigParameters);
// The runtime settles after a couple of calls (its memory arena grows, pages are first touched).
async function secondsPerStep(steps: number): Promise<number> {
  const run = await trainingRun(big.architecture, bigWeights, positions, steps, 1);
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
const perCall = await trainingRun(small.architecture, smallWeights, 64, 1, 4);
const looped = await trainingRun(small.architecture, smallWeights, 64, 8, 4);
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
