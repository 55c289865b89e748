import { createScriptedBackend } from '@s1/budget-forcing/testing';
import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import { createBackendSolver } from './difficulty/create-backend-solver';
import { createLlmGrader } from './difficulty/create-llm-grader';
import { difficultyFeatures } from './difficulty/difficulty-features';
import { createDomainClassifier } from './diversity/domain-classifier';
import { createSelection } from './pipeline/create-selection';
import { s1KAccessors } from './s1k-accessors';
import { diverseSample } from './sampling/diverse-sample';
import { longestSample } from './sampling/longest-sample';
import { randomSample } from './sampling/random-sample';
import { s1Sample } from './sampling/s1-sample';
import { decontaminationStage } from './stages/decontamination-stage';
import { difficultyStage } from './stages/difficulty-stage';
import { domainStage } from './stages/domain-stage';
import { featureStage } from './stages/feature-stage';
import { missingFieldsStage } from './stages/missing-fields-stage';
import { qualityStage } from './stages/quality-stage';
import { samplingStage } from './stages/sampling-stage';
import { traceLengthStage } from './stages/trace-length-stage';

const tokenizer = await qwen25Tokenizer();
const backend = createScriptedBackend({ tokenizer, model: () => [tokenizer.idOf('<|im_end|>')] });
const domainOf = () => 'Algebra';
const lengthOf = () => 1;

// Each factory or sampler with one key misspelt, and the key it meant.
const misspelt: [string, () => unknown, string, string][] = [
  [
    'createBackendSolver',
    () => createBackendSolver({ backend, temprature: 0 } as never),
    'temprature',
    'temperature',
  ],
  [
    'createLlmGrader',
    () => createLlmGrader({ backend, retires: 1 } as never),
    'retires',
    'retries',
  ],
  [
    'createDomainClassifier',
    () => createDomainClassifier({ backend, retries: 0, lables: 's1' } as never),
    'lables',
    'labels',
  ],
  [
    'difficultyFeatures',
    () =>
      difficultyFeatures([], {
        solvers: {},
        grader: async () => true,
        accessors: { question: () => '', answer: () => '' },
        concurrence: 2,
      } as never),
    'concurrence',
    'concurrency',
  ],
  [
    's1Sample',
    () => s1Sample([], { n: 1, seed: 0, domainOf, lengthOf, keptOutrite: [] } as never),
    'keptOutrite',
    'keptOutright',
  ],
  [
    'diverseSample',
    () => diverseSample([], { n: 1, sed: 0, seed: 0, domainOf } as never),
    'sed',
    'seed',
  ],
  [
    'longestSample',
    () => longestSample([], { n: 1, lenghtOf: lengthOf } as never),
    'lenghtOf',
    'lengthOf',
  ],
  ['randomSample', () => randomSample([], { n: 1, seed: 0, nn: 2 } as never), 'nn', 'n'],
  ['samplingStage', () => samplingStage({ n: 1, mehtod: 'random' } as never), 'mehtod', 'method'],
  ['qualityStage', () => qualityStage({ rule: [] } as never), 'rule', 'rules'],
  ['domainStage', () => domainStage({ concurency: 2 } as never), 'concurency', 'concurrency'],
  [
    'decontaminationStage',
    () => decontaminationStage({ evalSets: [], cumulatve: false } as never),
    'cumulatve',
    'cumulative',
  ],
  [
    'difficultyStage',
    () =>
      difficultyStage({
        solvers: {},
        grader: async () => true,
        dropIfSolved: [],
      } as never),
    'dropIfSolved',
    'dropIfSolvedBy',
  ],
  [
    'missingFieldsStage',
    () => missingFieldsStage({ fields: ['question'], emptyIsMisisng: true } as never),
    'emptyIsMisisng',
    'emptyIsMissing',
  ],
  [
    'traceLengthStage',
    () => traceLengthStage({ tokenizer: 'x', cont: false } as never),
    'cont',
    'count',
  ],
  [
    'featureStage',
    () => featureStage({ name: 'f', feature: 'f', compute: () => 1, concurency: 2 } as never),
    'concurency',
    'concurrency',
  ],
  [
    'createSelection',
    () => createSelection({ accessors: s1KAccessors, stages: [], onProgres: () => {} } as never),
    'onProgres',
    'onProgress',
  ],
];

describe('strict options', () => {
  it.each(misspelt)(
    '%s should refuse a misspelt key, naming the one meant',
    async (_, call, typo, meant) => {
      const error = await Promise.resolve()
        .then(call)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`${typo}: unknown key; did you mean "${meant}"?`);
    },
  );

  it('difficultyStage should refuse to drop by a solver it does not have, when created', () => {
    const create = () =>
      difficultyStage({
        solvers: { qwen7b: async () => '' },
        grader: async () => true,
        dropIfSolvedBy: ['qwen7b', 'qwen32b'],
      });
    expect(create).toThrow(InvalidArgumentError);
    expect(create).toThrow(/dropIfSolvedBy: "qwen32b" is not among the solvers \(qwen7b\)/);
  });
});
