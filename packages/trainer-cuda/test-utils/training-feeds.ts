import { createTinyQwen2 } from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { type TrainingParameter, trainingParameters } from '../src/qwen2/training-parameters';
import { toTrainingLayout } from '../src/qwen2/weight-layout';
import { stepNames } from '../src/step/step-names';
import { smallVocabulary } from './small-vocabulary';

/** s1's AdamW and clipping settings, as the compilers take them. */
export const s1Optimizer = {
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-8,
  weightDecay: 1e-4,
  maxGradNorm: 1,
};

export const int64Tensor = (values: readonly number[], dims: readonly number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);

type ByName = (name: string) => Float32Array;

/**
 * The feeds of a training graph's state: each parameter's values and Adam's two moments (zeros
 * unless given), under the graph's input names.
 */
export function stateFeeds(
  parameters: readonly TrainingParameter[],
  values: ByName,
  moments: { m: ByName; v: ByName } | undefined = undefined,
): Record<string, ort.Tensor> {
  const zeros = (parameter: TrainingParameter) =>
    new Float32Array(parameter.shape.reduce((product, size) => product * size, 1));
  const feeds: Record<string, ort.Tensor> = {};
  for (const parameter of parameters) {
    const tensor = (data: Float32Array) => new ort.Tensor('float32', data, parameter.shape);
    feeds[stepNames.parameter(parameter.name)] = tensor(values(parameter.name));
    feeds[stepNames.firstMoment(parameter.name)] = tensor(
      moments?.m(parameter.name) ?? zeros(parameter),
    );
    feeds[stepNames.secondMoment(parameter.name)] = tensor(
      moments?.v(parameter.name) ?? zeros(parameter),
    );
  }
  return feeds;
}

/**
 * A seeded tiny Qwen2 over a small plain vocabulary, with its training parameters and their
 * initial values in the training graph's layout.
 */
export function tinyTrainingModel(
  options: Omit<NonNullable<Parameters<typeof createTinyQwen2>[0]>, 'vocab'> & {
    vocabulary: number;
  },
) {
  const { vocabulary, ...sizes } = options;
  const tiny = createTinyQwen2({ ...sizes, vocab: smallVocabulary(vocabulary) });
  const parameters = trainingParameters(tiny.architecture);
  return { tiny, parameters, initial: toTrainingLayout(tiny.weights, parameters) };
}
