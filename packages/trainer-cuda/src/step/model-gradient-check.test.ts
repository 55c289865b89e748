import { createSeededRandom } from '@s1/errors';
import { createTinyQwen2, serializeOnnxModel } from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { smallVocabulary } from '../../test-utils/small-vocabulary';
import { trainingParameters } from '../qwen2/training-parameters';
import { toTrainingLayout } from '../qwen2/weight-layout';
import { compileTrainStep } from './compile-train-step';
import { stepNames } from './step-names';

const positions = 6;
const step = 1e-6;
const coordinatesPerTensor = 4;

// Two rows: a padded one, and two sequences packed into one, both with untrained prompt tokens.
const batch = {
  input_ids: [
    [1, 5, 9, 12, 7, 3],
    [4, 8, 15, 2, 6, 11],
  ],
  labels: [
    [-100, -100, 9, 12, -100, -100],
    [-100, 8, 15, -100, 6, 11],
  ],
  segment_ids: [
    [1, 1, 1, 1, 0, 0],
    [1, 1, 1, 2, 2, 2],
  ],
  position_ids: [
    [0, 1, 2, 3, 4, 5],
    [0, 1, 2, 0, 1, 2],
  ],
};

describe('the gradients of the Qwen2 training graph', () => {
  it.each([
    ['untied', false],
    ['tied', true],
  ])(
    'should agree with central finite differences on every parameter tensor (%s embeddings, float64)',
    async (_name, tieWordEmbeddings) => {
      const tiny = createTinyQwen2({
        layers: 2,
        hidden: 16,
        heads: 4,
        kvHeads: 2,
        intermediate: 24,
        seed: 3,
        tieWordEmbeddings,
        vocab: smallVocabulary(24),
      });
      const { model, parameters } = compileTrainStep({
        architecture: tiny.architecture,
        rows: 2,
        positions,
        optimizer: { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0, maxGradNorm: undefined },
        output: 'gradients',
        float: 'float64',
      });
      expect(parameters.some((parameter) => parameter.name.endsWith('k_proj.bias'))).toBe(true);
      const session = await ort.InferenceSession.create(serializeOnnxModel(model));
      const weights = toTrainingLayout(tiny.weights, trainingParameters(tiny.architecture));
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, rows] of Object.entries(batch)) {
        feeds[name] = new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [
          2,
          positions,
        ]);
      }
      for (const parameter of parameters) {
        feeds[stepNames.parameter(parameter.name)] = new ort.Tensor(
          'float64',
          Float64Array.from(weights.get(parameter.name) as Float32Array),
          parameter.shape,
        );
      }
      const analytic = await session.run(feeds);
      const loss = async () => Number((await session.run(feeds)).loss?.data[0]);
      const random = createSeededRandom(17);
      const failures: string[] = [];
      for (const parameter of parameters) {
        const values = feeds[stepNames.parameter(parameter.name)]?.data as Float64Array;
        const gradient = analytic[stepNames.gradient(parameter.name)]?.data as Float64Array;
        for (let sample = 0; sample < coordinatesPerTensor; sample++) {
          const index = Math.floor(random.uniform() * values.length);
          const original = values[index] as number;
          values[index] = original + step;
          const up = await loss();
          values[index] = original - step;
          const down = await loss();
          values[index] = original;
          const numeric = (up - down) / (2 * step);
          const error =
            Math.abs((gradient[index] as number) - numeric) / Math.max(1e-3, Math.abs(numeric));
          if (error > 1e-5)
            failures.push(`${parameter.name}[${index}]: ${gradient[index]} vs ${numeric}`);
        }
      }
      expect(failures).toEqual([]);
      await session.release();
    },
    120_000,
  );
});
