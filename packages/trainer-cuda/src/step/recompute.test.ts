import { serializeOnnxModel } from '@s1/model-io';
import type { GraphProto } from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  int64Tensor,
  s1Optimizer,
  stateFeeds,
  tinyTrainingModel,
} from '../../test-utils/training-feeds';
import { compileTrainStep } from './compile-train-step';
import { compileTrainingGraph } from './compile-training-graph';

const { tiny, parameters, initial } = tinyTrainingModel({
  layers: 3,
  hidden: 16,
  heads: 4,
  kvHeads: 2,
  intermediate: 24,
  seed: 8,
  vocabulary: 20,
});
const optimizer = s1Optimizer;

// Two steps of two micro-batches of one row: a padded row, and two sequences packed into one.
const rows = {
  input_ids: [3, 7, 1, 9, 4, 0, 5, 2, 8, 8, 6, 11],
  labels: [-100, 7, 1, 9, -100, -100, -100, 2, 8, -100, 6, 11],
  segment_ids: [1, 1, 1, 1, 0, 0, 1, 1, 1, 2, 2, 2],
  position_ids: [0, 1, 2, 3, 4, 5, 0, 1, 2, 0, 1, 2],
};
const feeds = () => {
  const state = stateFeeds(parameters, (name) => initial.get(name) as Float32Array);
  const batch = Object.fromEntries(
    Object.entries(rows).map(([name, values]) => [
      name,
      int64Tensor([...values, ...values], [2, 2, 1, 6]),
    ]),
  );
  return {
    ...state,
    ...batch,
    learning_rate: new ort.Tensor('float32', Float32Array.of(1e-2, 5e-3), [2]),
    first_step: new ort.Tensor('float32', Float32Array.of(0), []),
  };
};

// Every node of a graph and of the graphs in its nodes' attributes (Loop bodies).
function opTypes(graph: GraphProto): string[] {
  return graph.node.flatMap((node) => [
    node.opType,
    ...node.attribute.flatMap((attribute) => (attribute.g ? opTypes(attribute.g) : [])),
  ]);
}

describe('recomputing decoder layers in the backward pass', () => {
  it('should run each layer forward twice, and no other part of the step', () => {
    const count = (recompute: boolean, opType: string) =>
      opTypes(
        compileTrainStep({
          architecture: tiny.architecture,
          rows: 2,
          positions: 6,
          optimizer,
          recompute,
        }).model.graph as GraphProto,
      ).filter((type) => type === opType).length;
    // One attention softmax more per layer (the other is the output head's gradient).
    expect(count(true, 'Softmax') - count(false, 'Softmax')).toBe(3);
    // The embedding lookup and the output head are not in a layer.
    expect(count(true, 'Gather') - count(false, 'Gather')).toBe(0);
    expect(count(true, 'ScatterND')).toBe(count(false, 'ScatterND'));
  });

  it('should take the same steps, bit for bit, through accumulation and step loops', async () => {
    const run = async (recompute: boolean) => {
      const { model } = compileTrainingGraph({
        architecture: tiny.architecture,
        rows: 1,
        positions: 6,
        accumulation: 2,
        steps: 2,
        optimizer,
        recompute,
      });
      const session = await ort.InferenceSession.create(serializeOnnxModel(model));
      const outputs = await session.run(feeds());
      await session.release();
      return outputs;
    };
    const [kept, recomputed] = [await run(false), await run(true)];
    expect(Object.keys(recomputed).sort()).toEqual(Object.keys(kept).sort());
    const bytesOf = (tensor: ort.Tensor | undefined) =>
      new Uint8Array((tensor?.data as Float32Array | undefined)?.buffer ?? new ArrayBuffer(0));
    const differing = Object.keys(kept).filter(
      (name) => Buffer.compare(bytesOf(kept[name]), bytesOf(recomputed[name])) !== 0,
    );
    expect(differing).toEqual([]);
    expect(Number.isFinite(Number(kept.loss?.data[0]))).toBe(true);
  }, 120_000);
});
