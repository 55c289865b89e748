// What the benchmark and its memory probes share: the models, and a session of the training
// graph with its feeds and preallocated outputs.
import {
  createByteTokenizer,
  createTinyQwen2,
  type Qwen2Architecture,
  serializeOnnxModel,
} from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { trainingParameters } from '../src/qwen2/training-parameters';
import { toTrainingLayout } from '../src/qwen2/weight-layout';
import { compileTrainingGraph } from '../src/step/compile-training-graph';
import { stepNames } from '../src/step/step-names';

export const median = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[samples.length >> 1] as number;
export const sizeOf = (shape: readonly number[]) =>
  shape.reduce((product, size) => product * size, 1);

export const sessionOptionsFor = (threads: number) =>
  ({ graphOptimizationLevel: 'all', intraOpNumThreads: threads, interOpNumThreads: 1 }) as const;

/**
 * 8 layers × 512 hidden, tied embeddings, over the real Qwen2.5 vocabulary or (`bytes`) the 260
 * tokens of the byte tokenizer, where the layers' activations outweigh the output head.
 */
export function benchmarkModel(vocabulary: 'qwen2.5' | 'bytes' = 'qwen2.5') {
  const model = createTinyQwen2({
    layers: 8,
    hidden: 512,
    heads: 8,
    kvHeads: 2,
    intermediate: 1408,
    tieWordEmbeddings: true,
    maxPositionEmbeddings: 4096,
    seed: 0,
    ...(vocabulary === 'bytes' ? { vocab: createByteTokenizer() } : {}),
  });
  const parameters = trainingParameters(model.architecture);
  return {
    architecture: model.architecture,
    weights: toTrainingLayout(model.weights, parameters),
    parameterCount: parameters.reduce((sum, { shape }) => sum + sizeOf(shape), 0),
  };
}

/** A session of the training graph and its feeds for `steps` steps of `rows` rows of `positions` tokens. */
export async function trainingRun({
  architecture,
  weights,
  positions,
  steps,
  rows,
  threads,
  recompute = false,
}: {
  architecture: Qwen2Architecture;
  weights: Map<string, Float32Array>;
  positions: number;
  steps: number;
  rows: number;
  threads: number;
  recompute?: boolean;
}) {
  const { model, parameters } = compileTrainingGraph({
    architecture,
    rows,
    positions,
    accumulation: 1,
    steps,
    optimizer: { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 1e-4, maxGradNorm: 1 },
    recompute,
  });
  const session = await ort.InferenceSession.create(
    serializeOnnxModel(model),
    sessionOptionsFor(threads),
  );
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
