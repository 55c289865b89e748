import { createTinyQwen2 } from '@s1/model-io';
import { describe, expect, it } from 'vitest';
import { smallVocabulary } from '../../test-utils/small-vocabulary';
import { s1Optimizer } from '../../test-utils/training-feeds';
import { compileTrainStep } from '../step/compile-train-step';
import { compileTrainingGraph } from '../step/compile-training-graph';
import { checkCudaKernels } from './check-cuda-kernels';

const optimizer = s1Optimizer;

describe('the training graphs on the CUDA execution provider', () => {
  it.each([
    ['untied', false],
    ['tied', true],
  ])(
    'should use only ops and types with a CUDA kernel (%s embeddings)',
    (_name, tieWordEmbeddings) => {
      const { architecture } = createTinyQwen2({
        layers: 2,
        hidden: 16,
        heads: 4,
        kvHeads: 2,
        tieWordEmbeddings,
        vocab: smallVocabulary(32),
      });
      const graphs = {
        'one step': compileTrainStep({ architecture, rows: 2, positions: 8, optimizer }).model,
        'looped steps with accumulation': compileTrainingGraph({
          architecture,
          rows: 1,
          positions: 8,
          accumulation: 2,
          steps: 3,
          optimizer,
        }).model,
        'one step, layers recomputed': compileTrainStep({
          architecture,
          rows: 2,
          positions: 8,
          optimizer,
          recompute: true,
        }).model,
        'looped steps in bfloat16 over float32 weights': compileTrainingGraph({
          architecture,
          rows: 1,
          positions: 8,
          accumulation: 2,
          steps: 3,
          optimizer,
          recompute: true,
          compute: 'bfloat16',
        }).model,
      };
      for (const [name, model] of Object.entries(graphs)) {
        expect({ name, issues: checkCudaKernels(model) }).toEqual({ name, issues: [] });
      }
    },
  );
});
