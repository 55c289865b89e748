import { serializeOnnxModel } from '@s1/model-io';
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
import { stepNames } from './step-names';

const positions = 5;
const optimizer = s1Optimizer;
// Two optimizer steps of two micro-batches of one row each.
const steps = [
  [
    { input_ids: [3, 7, 1, 9, 4], labels: [-100, 7, 1, 9, 4] },
    { input_ids: [5, 2, 8, 8, 6], labels: [-100, -100, 8, 8, 6] },
  ],
  [
    { input_ids: [1, 1, 2, 3, 5], labels: [-100, 1, 2, 3, 5] },
    { input_ids: [9, 8, 7, 6, 5], labels: [-100, -100, -100, 6, 5] },
  ],
];
const learningRates = [1e-2, 5e-3];
const positionIds = [0, 1, 2, 3, 4];
const segmentIds = [1, 1, 1, 1, 1];

const int64 = int64Tensor;

describe('the looped training graph', () => {
  it('should take the same steps as one plain step per call over the folded micro-batches', async () => {
    const { tiny, parameters, initial } = tinyTrainingModel({
      layers: 1,
      hidden: 16,
      heads: 2,
      kvHeads: 1,
      seed: 4,
      vocabulary: 12,
    });

    const looped = compileTrainingGraph({
      architecture: tiny.architecture,
      rows: 1,
      positions,
      accumulation: 2,
      steps: 2,
      optimizer,
    });
    const loopedSession = await ort.InferenceSession.create(serializeOnnxModel(looped.model));
    const flat = (key: 'input_ids' | 'labels') =>
      steps.flatMap((step) => step.flatMap((row) => row[key]));
    const loopedOut = await loopedSession.run({
      ...stateFeeds(parameters, (name) => initial.get(name) as Float32Array),
      input_ids: int64(flat('input_ids'), [2, 2, 1, positions]),
      labels: int64(flat('labels'), [2, 2, 1, positions]),
      position_ids: int64(new Array(4).fill(positionIds).flat(), [2, 2, 1, positions]),
      segment_ids: int64(new Array(4).fill(segmentIds).flat(), [2, 2, 1, positions]),
      learning_rate: new ort.Tensor('float32', Float32Array.from(learningRates), [2]),
      first_step: new ort.Tensor('float32', Float32Array.of(0), []),
    });

    const plain = compileTrainStep({
      architecture: tiny.architecture,
      rows: 2,
      positions,
      optimizer,
    });
    const plainSession = await ort.InferenceSession.create(serializeOnnxModel(plain.model));
    type ByName = (name: string) => Float32Array;
    let values: ByName = (name) => initial.get(name) as Float32Array;
    let moments: { m: ByName; v: ByName } | undefined;
    const plainLosses: number[] = [];
    for (const [index, step] of steps.entries()) {
      const outputs = await plainSession.run({
        ...stateFeeds(parameters, values, moments),
        input_ids: int64(
          step.flatMap((row) => row.input_ids),
          [2, positions],
        ),
        labels: int64(
          step.flatMap((row) => row.labels),
          [2, positions],
        ),
        position_ids: int64([...positionIds, ...positionIds], [2, positions]),
        segment_ids: int64([...segmentIds, ...segmentIds], [2, positions]),
        learning_rate: new ort.Tensor(
          'float32',
          Float32Array.of(learningRates[index] as number),
          [],
        ),
        step: new ort.Tensor('float32', Float32Array.of(index + 1), []),
      });
      plainLosses.push(Number(outputs.loss?.data[0]));
      const next = (prefix: (name: string) => string) => (name: string) =>
        outputs[stepNames.next(prefix(name))]?.data as Float32Array;
      values = next(stepNames.parameter);
      moments = { m: next(stepNames.firstMoment), v: next(stepNames.secondMoment) };
    }

    const loopedLosses = Array.from(loopedOut.loss?.data as Float32Array);
    for (const [index, loss] of loopedLosses.entries()) {
      expect(loss).toBeCloseTo(plainLosses[index] as number, 5);
    }
    expect(Array.from(loopedOut.trained_tokens?.data as Float32Array)).toEqual([7, 6]);
    for (const parameter of parameters) {
      const ours = loopedOut[stepNames.next(stepNames.parameter(parameter.name))]
        ?.data as Float32Array;
      const theirs = values(parameter.name);
      let difference = 0;
      let norm = 0;
      theirs.forEach((value, index) => {
        difference += ((ours[index] as number) - value) ** 2;
        norm += value ** 2;
      });
      expect({ name: parameter.name, close: Math.sqrt(difference / norm) < 1e-5 }).toEqual({
        name: parameter.name,
        close: true,
      });
    }
    await Promise.all([loopedSession.release(), plainSession.release()]);
  }, 120_000);
});
