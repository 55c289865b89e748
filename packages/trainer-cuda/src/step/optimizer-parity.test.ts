import { createTinyQwen2, serializeOnnxModel } from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { expect, it } from 'vitest';
import { describeWithPython } from '../../../../tooling/python-tools';
import { adamwReference } from '../../test-utils/numpy-reference';
import { smallVocabulary } from '../../test-utils/small-vocabulary';
import { trainingParameters } from '../qwen2/training-parameters';
import { toTrainingLayout } from '../qwen2/weight-layout';
import { cosineLearningRate } from '../schedule/learning-rate-schedule';
import { compileTrainStep } from './compile-train-step';
import { stepNames } from './step-names';

const positions = 5;
const hyper = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 1 };
const schedule = { peak: 1e-2, warmupSteps: 1, totalSteps: 3 };
const batches = [
  { input_ids: [[3, 7, 1, 9, 4]], labels: [[-100, 7, 1, 9, 4]] },
  { input_ids: [[5, 2, 8, 8, 6]], labels: [[-100, -100, 8, 8, 6]] },
  { input_ids: [[1, 1, 2, 3, 5]], labels: [[-100, 1, 2, 3, 5]] },
];
const int64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, positions]);

describeWithPython(['numpy'], 'the optimizer of the training graph', () => {
  it('should give the weights of NumPy AdamW, clipping and the cosine schedule after 3 steps', async () => {
    const tiny = createTinyQwen2({
      layers: 1,
      hidden: 16,
      heads: 2,
      kvHeads: 1,
      seed: 9,
      vocab: smallVocabulary(12),
    });
    // The gradients the step applied, output beside the update, are what NumPy applies too:
    // Adam divides by √v, so recomputed gradients that differ in the last bits would not do.
    const { model } = compileTrainStep({
      architecture: tiny.architecture,
      rows: 1,
      positions,
      optimizer: hyper,
      gradientOutputs: true,
    });
    const session = await ort.InferenceSession.create(serializeOnnxModel(model));
    const parameters = trainingParameters(tiny.architecture);
    const initial = toTrainingLayout(tiny.weights, parameters);
    let weights = new Map(initial);
    let moments = new Map(
      parameters.map((parameter) => [
        parameter.name,
        { m: zerosLike(parameter.shape), v: zerosLike(parameter.shape) },
      ]),
    );
    const gradientsPerStep: Map<string, Float32Array>[] = [];
    const normsPerStep: number[] = [];

    for (const [index, batch] of batches.entries()) {
      const feeds: Record<string, ort.Tensor> = {
        input_ids: int64(batch.input_ids),
        labels: int64(batch.labels),
        position_ids: int64([[0, 1, 2, 3, 4]]),
        segment_ids: int64([[1, 1, 1, 1, 1]]),
      };
      for (const parameter of parameters) {
        feeds[stepNames.parameter(parameter.name)] = new ort.Tensor(
          'float32',
          weights.get(parameter.name) as Float32Array,
          parameter.shape,
        );
      }
      for (const parameter of parameters) {
        const state = moments.get(parameter.name) as { m: Float32Array; v: Float32Array };
        feeds[stepNames.firstMoment(parameter.name)] = new ort.Tensor(
          'float32',
          state.m,
          parameter.shape,
        );
        feeds[stepNames.secondMoment(parameter.name)] = new ort.Tensor(
          'float32',
          state.v,
          parameter.shape,
        );
      }
      feeds.learning_rate = new ort.Tensor(
        'float32',
        Float32Array.of(cosineLearningRate(index, schedule)),
        [],
      );
      feeds.step = new ort.Tensor('float32', Float32Array.of(index + 1), []);
      const outputs = await session.run(feeds);
      normsPerStep.push(Number(outputs.grad_norm?.data[0]));
      gradientsPerStep.push(
        new Map(
          parameters.map((parameter) => [
            parameter.name,
            outputs[stepNames.gradient(parameter.name)]?.data as Float32Array,
          ]),
        ),
      );
      const next = (name: string) => outputs[stepNames.next(name)]?.data as Float32Array;
      weights = new Map(
        parameters.map((parameter) => [parameter.name, next(stepNames.parameter(parameter.name))]),
      );
      moments = new Map(
        parameters.map((parameter) => [
          parameter.name,
          {
            m: next(stepNames.firstMoment(parameter.name)),
            v: next(stepNames.secondMoment(parameter.name)),
          },
        ]),
      );
    }

    const reference = await adamwReference({
      params: new Map(
        parameters.map((parameter) => [
          parameter.name,
          { shape: parameter.shape, data: initial.get(parameter.name) as Float32Array },
        ]),
      ),
      steps: gradientsPerStep.map((grads) => ({ grads })),
      hyper: {
        lr: schedule.peak,
        warmupSteps: schedule.warmupSteps,
        totalSteps: schedule.totalSteps,
        schedule: 'cosine',
        beta1: hyper.beta1,
        beta2: hyper.beta2,
        eps: hyper.eps,
        weightDecay: hyper.weightDecay,
        noDecay: parameters
          .filter((parameter) => !parameter.decay)
          .map((parameter) => parameter.name),
        maxGradNorm: hyper.maxGradNorm,
      },
    });
    // The step exercised clipping, so the test checks it.
    expect(reference.clipCoefClampedPerStep.some((coefficient) => coefficient < 1)).toBe(true);
    normsPerStep.forEach((norm, index) => {
      expect(Math.abs(norm - (reference.gradNormPerStep[index] as number)) / norm).toBeLessThan(
        1e-5,
      );
    });
    // Relative to each tensor's norm: float32 rounds a weight near 0 as it rounds one near 1.
    const worst = parameters.map((parameter) => {
      const ours = weights.get(parameter.name) as Float32Array;
      const theirs = reference.params.get(parameter.name) as Float32Array;
      let difference = 0;
      let norm = 0;
      theirs.forEach((value, index) => {
        difference += ((ours[index] as number) - value) ** 2;
        norm += value ** 2;
      });
      return { name: parameter.name, error: Math.sqrt(difference / norm) };
    });
    expect(worst.filter(({ error }) => error > 1e-6)).toEqual([]);
    await session.release();
  }, 120_000);
});

function zerosLike(shape: readonly number[]): Float32Array {
  return new Float32Array(shape.reduce((product, size) => product * size, 1));
}
