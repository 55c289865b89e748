import { type ElementType, serializeOnnxModel } from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  int64Tensor,
  s1Optimizer,
  stateFeeds,
  tinyTrainingModel,
} from '../../test-utils/training-feeds';
import type { Tensor } from '../autodiff/tensor';
import { createTracedGraph } from '../autodiff/traced-graph';
import { qwen2LossSum } from '../qwen2/qwen2-loss';
import { compileTrainStep } from './compile-train-step';
import { compileTrainingGraph } from './compile-training-graph';
import { stepNames } from './step-names';

// float16 stands in for bfloat16 here: ONNX Runtime's CPU provider has no bfloat16 kernels, and
// the graph is the same but for the element type. (The CPU provider runs some float16 nodes
// through float32 kernels, so where each precision is used is checked on the graph itself.)
const { tiny, parameters, initial } = tinyTrainingModel({
  layers: 2,
  hidden: 32,
  heads: 4,
  kvHeads: 2,
  intermediate: 48,
  seed: 21,
  vocabulary: 40,
});
const optimizer = s1Optimizer;

// A row with padding, and a row of two packed sequences.
const batch = {
  input_ids: [3, 17, 1, 29, 4, 0, 5, 2, 38, 8, 6, 11],
  labels: [-100, 17, 1, 29, -100, -100, -100, 2, 38, -100, 6, 11],
  segment_ids: [1, 1, 1, 1, 0, 0, 1, 1, 1, 2, 2, 2],
  position_ids: [0, 1, 2, 3, 4, 5, 0, 1, 2, 0, 1, 2],
};
const parameterFeeds = () =>
  Object.fromEntries(
    parameters.map((parameter) => [
      stepNames.parameter(parameter.name),
      new ort.Tensor('float32', initial.get(parameter.name) as Float32Array, parameter.shape),
    ]),
  );

async function gradientsIn(compute: ElementType) {
  const { model } = compileTrainStep({
    architecture: tiny.architecture,
    rows: 2,
    positions: 6,
    optimizer,
    output: 'gradients',
    compute,
  });
  const session = await ort.InferenceSession.create(serializeOnnxModel(model));
  try {
    const feeds = {
      ...parameterFeeds(),
      ...Object.fromEntries(
        Object.entries(batch).map(([name, values]) => [name, int64Tensor(values, [2, 6])]),
      ),
    };
    const outputs = await session.run(feeds);
    const gradients = new Map(
      parameters.map((parameter) => [
        parameter.name,
        outputs[stepNames.gradient(parameter.name)]?.data as Float32Array,
      ]),
    );
    return { loss: Number(outputs.loss?.data[0]), gradients };
  } finally {
    await session.release();
  }
}

// ‖a − b‖ / ‖b‖ over all elements.
function relativeError(a: Float32Array, b: Float32Array): number {
  let difference = 0;
  let reference = 0;
  for (let index = 0; index < b.length; index++) {
    difference += ((a[index] as number) - (b[index] as number)) ** 2;
    reference += (b[index] as number) ** 2;
  }
  return Math.sqrt(difference / reference);
}

describe('a half-precision compute path over float32 master weights', () => {
  it('should give float32 gradients that agree with the float32 step to half precision, not bit for bit', async () => {
    const [wide, half] = [await gradientsIn('float32'), await gradientsIn('float16')];
    expect(Math.abs(half.loss - wide.loss) / wide.loss).toBeLessThan(2e-3);
    const errors = parameters.map((parameter) =>
      relativeError(
        half.gradients.get(parameter.name) as Float32Array,
        wide.gradients.get(parameter.name) as Float32Array,
      ),
    );
    // float16 keeps 11 significant bits (a relative step of 1e-3); errors add up over two layers.
    expect(Math.max(...errors)).toBeLessThan(2e-2);
    expect(Math.max(...errors)).toBeGreaterThan(0);
    for (const gradient of half.gradients.values()) expect(gradient).toBeInstanceOf(Float32Array);
  }, 60_000);

  it('should run the matrix products in half precision and the statistics, softmax and loss in float32', () => {
    const graph = createTracedGraph('mixed');
    const values = new Map(
      parameters.map((parameter) => [
        parameter.name,
        graph.input(stepNames.parameter(parameter.name), parameter.shape, 'float32'),
      ]),
    );
    const [inputIds, positionIds, segmentIds, labels] = stepNames.batch.map((name) =>
      graph.input(name, [2, 6], 'int64'),
    ) as [Tensor, Tensor, Tensor, Tensor];
    const { lossSum } = qwen2LossSum(
      graph,
      tiny.architecture,
      values,
      { inputIds, positionIds, segmentIds, labels },
      { compute: 'float16' },
    );
    const typesOf = (name: string) => [
      ...new Set(
        graph.tape
          .filter((entry) => entry.op.name === name)
          .flatMap((entry) => entry.inputs.filter((input) => input.type !== 'int64'))
          .map((input) => input.type),
      ),
    ];
    expect(typesOf('MatMul')).toEqual(['float16']);
    expect(typesOf('LinearCrossEntropy')).toEqual(['float16']);
    // RMSNorm's mean square, the attention softmax, and the embedding lookup (its sparse gradient).
    expect(typesOf('ReduceMean')).toEqual(['float32']);
    expect(typesOf('Softmax')).toEqual(['float32']);
    expect(typesOf('Gather')).toEqual(['float32']);
    expect(lossSum.type).toBe('float32');
  });

  it('should train in a loop of accumulated, recomputed steps as the float32 graph does, to half precision', async () => {
    const run = async (compute: ElementType) => {
      const { model } = compileTrainingGraph({
        architecture: tiny.architecture,
        rows: 2,
        positions: 6,
        accumulation: 2,
        steps: 3,
        optimizer,
        recompute: true,
        compute,
      });
      const session = await ort.InferenceSession.create(serializeOnnxModel(model));
      const batches = Object.fromEntries(
        Object.entries(batch).map(([name, values]) => [
          name,
          int64Tensor(Array(6).fill(values).flat(), [3, 2, 2, 6]),
        ]),
      );
      try {
        const outputs = await session.run({
          ...stateFeeds(parameters, (name) => initial.get(name) as Float32Array),
          ...batches,
          learning_rate: new ort.Tensor('float32', Float32Array.of(1e-2, 1e-2, 1e-2), [3]),
          first_step: new ort.Tensor('float32', Float32Array.of(0), []),
        });
        return Array.from(outputs.loss?.data as Float32Array);
      } finally {
        await session.release();
      }
    };
    const [wide, half] = [await run('float32'), await run('float16')];
    // The same batch three times: the loss falls, in both precisions.
    expect(half[2]).toBeLessThan(half[0] as number);
    half.forEach((loss, step) => {
      expect(Math.abs(loss - (wide[step] as number)) / (wide[step] as number)).toBeLessThan(1e-2);
    });
  }, 120_000);
});
