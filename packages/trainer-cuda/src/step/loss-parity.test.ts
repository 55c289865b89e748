import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTinyQwen2,
  exportQwen2Onnx,
  serializeOnnxModel,
  writeModelFolder,
} from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { expect, it } from 'vitest';
import { describeWithPython } from '../../../../tooling/python-tools';
import { maskedLossReference } from '../../test-utils/numpy-reference';
import { trainingParameters } from '../qwen2/training-parameters';
import { toTrainingLayout } from '../qwen2/weight-layout';
import { compileTrainStep } from './compile-train-step';
import { stepNames } from './step-names';

const positions = 7;
// Row 0: a prompt then trained tokens. Row 1: right padding. Row 2: two sequences packed, the
// second one's first label −100 so nothing is trained across the boundary.
const inputIds = [
  [151644, 872, 198, 3838, 374, 220, 17],
  [151644, 77091, 198, 19, 151645, 0, 0],
  [9707, 1879, 11, 15, 220, 16, 13],
];
const labels = [
  [-100, -100, -100, 3838, 374, 220, 17],
  [-100, -100, 198, 19, 151645, -100, -100],
  [-100, 1879, 11, -100, 220, 16, 13],
];
const segmentIds = [
  [1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 0, 0],
  [1, 1, 1, 2, 2, 2, 2],
];
const positionIds = [
  [0, 1, 2, 3, 4, 5, 6],
  [0, 1, 2, 3, 4, 5, 6],
  [0, 1, 2, 0, 1, 2, 3],
];
const int64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, positions]);

describeWithPython(['numpy'], 'the training graph against NumPy', () => {
  it.each([
    ['untied', false],
    ['tied', true],
  ])(
    'should compute the masked next-token loss of a batch as transformers does, and the logits of the exported decoder (%s embeddings)',
    async (_name, tieWordEmbeddings) => {
      const tiny = createTinyQwen2({
        layers: 2,
        hidden: 32,
        heads: 4,
        kvHeads: 2,
        seed: 5,
        tieWordEmbeddings,
      });
      const folder = await mkdtemp(join(tmpdir(), 's1-loss-parity-'));
      await writeModelFolder({ folder, ...tiny, onnx: false });
      const { model, parameters } = compileTrainStep({
        architecture: tiny.architecture,
        rows: inputIds.length,
        positions,
        optimizer: { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 1e-4, maxGradNorm: 1 },
        output: 'gradients',
      });
      const session = await ort.InferenceSession.create(serializeOnnxModel(model));
      const weights = toTrainingLayout(tiny.weights, trainingParameters(tiny.architecture));
      const feeds: Record<string, ort.Tensor> = {
        input_ids: int64(inputIds),
        position_ids: int64(positionIds),
        segment_ids: int64(segmentIds),
        labels: int64(labels),
      };
      for (const parameter of parameters) {
        feeds[stepNames.parameter(parameter.name)] = new ort.Tensor(
          'float32',
          weights.get(parameter.name) as Float32Array,
          parameter.shape,
        );
      }
      const outputs = await session.run(feeds);
      const reference = await maskedLossReference({
        modelDir: folder,
        inputIds,
        labels,
        segmentIds,
        positionIds,
      });
      expect(Number(outputs.trained_tokens?.data[0])).toBe(reference.trainedTokens);
      expect(Math.abs(Number(outputs.loss?.data[0]) - (reference.lossMean as number))).toBeLessThan(
        1e-5,
      );

      // The same logits as the exported ONNX decoder, row 0 (one sequence, no padding).
      const decoder = await ort.InferenceSession.create(
        serializeOnnxModel(exportQwen2Onnx(tiny.architecture, tiny.weights)),
      );
      const row = (values: readonly number[]) =>
        new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, positions]);
      const { kvHeads, headDim } = tiny.architecture;
      const empty = new ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDim]);
      const decoderFeeds: Record<string, ort.Tensor> = {
        input_ids: row(inputIds[0] as number[]),
        attention_mask: row(new Array(positions).fill(1)),
        position_ids: row(positionIds[0] as number[]),
      };
      for (let layer = 0; layer < tiny.architecture.layers; layer++) {
        decoderFeeds[`past_key_values.${layer}.key`] = empty;
        decoderFeeds[`past_key_values.${layer}.value`] = empty;
      }
      const expected = (await decoder.run(decoderFeeds)).logits?.data as Float32Array;
      const actual = (outputs.logits as ort.Tensor).data as Float32Array;
      let difference = 0;
      expected.forEach((value, index) => {
        difference = Math.max(difference, Math.abs(value - (actual[index] as number)));
      });
      expect(difference).toBeLessThan(1e-4);
      await decoder.release();
      await session.release();
    },
    120_000,
  );
});
