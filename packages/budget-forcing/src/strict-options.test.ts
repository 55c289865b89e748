import type { Tokenizer } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import { budgetForcingMiddleware, createAiSdkBackend, rawCompletionFetch } from './ai-sdk/index';
import {
  backendTokenizerFrom,
  conditionalControlPrompt,
  createBudgetForcing,
  createRejectionSampling,
  createSteppingBackend,
  createTokenSampler,
  majorityVote,
  sampleN,
} from './index';
import { createLlamaCppBackend } from './llama-cpp/index';
import { createOnnxRuntimeBackend } from './onnxruntime/index';
import { createOpenAICompatibleBackend } from './openai/index';
import {
  createCyclicModel,
  createScriptedBackend,
  createThinkingScript,
  startVllmCompatibleServer,
} from './testing/index';
import { testBackend } from './testing/vitest/index';
import { createTransformersBackend } from './transformers/index';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

const model = createCyclicModel([1, 2, 3]);
const backend = () => createScriptedBackend({ model, tokenizer });
const languageModel = { specificationVersion: 'v3', doGenerate() {}, doStream() {} };

/** What a call refused, whether it threw or rejected. */
async function refusal(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused');
}

// Each public function that takes options, called with one misspelt key: [name, path, meant, call].
const typos: [string, string, string, () => unknown][] = [
  [
    'createBudgetForcing',
    'thinkng',
    'thinking',
    () => createBudgetForcing({ backend: backend(), thinkng: {} } as never),
  ],
  [
    'createBudgetForcing',
    'mdoe',
    'mode',
    () => createBudgetForcing({ backend: backend(), mdoe: 'exact' } as never),
  ],
  [
    'createBudgetForcing',
    'thinking.mx',
    'max',
    () => createBudgetForcing({ backend: backend(), thinking: { mx: 4 } } as never),
  ],
  [
    'createBudgetForcing',
    'sampling.temprature',
    'temperature',
    () => createBudgetForcing({ backend: backend(), sampling: { temprature: 1 } } as never),
  ],
  [
    'createBudgetForcing',
    'answer.maxToken',
    'maxTokens',
    () => createBudgetForcing({ backend: backend(), answer: { maxToken: 4 } } as never),
  ],
  [
    'BudgetForcing.generate',
    'thinkng',
    'thinking',
    () =>
      createBudgetForcing({ backend: backend() }).generate({ prompt: 'Hi', thinkng: {} } as never),
  ],
  [
    'createRejectionSampling',
    'maxTrys',
    'maxTries',
    () => createRejectionSampling({ backend: backend(), budget: 4, maxTrys: 2 } as never),
  ],
  [
    'sampleN',
    'concurency',
    'concurrency',
    () => sampleN({ n: 1, run: async () => 1, concurency: 2 } as never),
  ],
  [
    'majorityVote',
    'normalise',
    'normalize',
    () => majorityVote([], { normalise: String } as never),
  ],
  [
    'backendTokenizerFrom',
    'eosToken',
    'eosTokens',
    () => backendTokenizerFrom(tokenizer, { eosToken: [] } as never),
  ],
  [
    'createTokenSampler',
    'temprature',
    'temperature',
    () => createTokenSampler({ temprature: 1 } as never),
  ],
  [
    'conditionalControlPrompt',
    'limt',
    'limit',
    () => conditionalControlPrompt('Q?', { kind: 'tokens', limt: 5 } as never),
  ],
  [
    'createSteppingBackend',
    'contextLenght',
    'contextLength',
    () =>
      createSteppingBackend({
        provider: 'p',
        modelId: 'm',
        tokenizer: backend().tokenizer,
        open: async () => ({}) as never,
        contextLenght: 8,
      } as never),
  ],
  [
    'createOpenAICompatibleBackend',
    'retries',
    'retry',
    () =>
      createOpenAICompatibleBackend({
        baseURL: 'http://localhost:8000/v1',
        model: 's1',
        retries: 2,
      } as never),
  ],
  [
    'createOpenAICompatibleBackend',
    'retry.maxRetry',
    'maxRetries',
    () =>
      createOpenAICompatibleBackend({
        baseURL: 'http://localhost:8000/v1',
        model: 's1',
        retry: { maxRetry: 2 },
      } as never),
  ],
  [
    'createOpenAICompatibleBackend',
    'capabilities.streamng',
    'streaming',
    () =>
      createOpenAICompatibleBackend({
        baseURL: 'http://localhost:8000/v1',
        model: 's1',
        capabilities: { streamng: false },
      } as never),
  ],
  [
    'createOnnxRuntimeBackend',
    'thread',
    'threads',
    () => createOnnxRuntimeBackend({ model: '/no/model', thread: 1 } as never),
  ],
  [
    'createTransformersBackend',
    'dtpye',
    'dtype',
    () => createTransformersBackend({ model: '/no/model', dtpye: 'fp32' } as never),
  ],
  [
    'createLlamaCppBackend',
    'sesions',
    'sessions',
    () => createLlamaCppBackend({ model: '/no/model.gguf', sesions: 2 } as never),
  ],
  [
    'budgetForcingMiddleware',
    'thinkng',
    'thinking',
    () => budgetForcingMiddleware({ tokenizer, thinkng: {} } as never),
  ],
  [
    'createAiSdkBackend',
    'callOption',
    'callOptions',
    () => createAiSdkBackend({ model: languageModel, tokenizer, callOption: {} } as never),
  ],
  [
    'createAiSdkBackend',
    'callOptions.presencePenalti',
    'presencePenalty',
    () =>
      createAiSdkBackend({
        model: languageModel,
        tokenizer,
        callOptions: { presencePenalti: 1 },
      } as never),
  ],
  ['rawCompletionFetch', 'sever', 'server', () => rawCompletionFetch({ sever: 'vllm' } as never)],
  [
    'createScriptedBackend',
    'varient',
    'variant',
    () => createScriptedBackend({ model, tokenizer, varient: 'both' } as never),
  ],
  [
    'createThinkingScript',
    'endDetecton',
    'endDetection',
    () =>
      createThinkingScript({
        tokenizer,
        thoughts: [],
        answer: '',
        endDetecton: '<|im_start|>',
      } as never),
  ],
  [
    'startVllmCompatibleServer',
    'maxModelLength',
    'maxModelLen',
    () => startVllmCompatibleServer({ model, tokenizer, maxModelLength: 64 } as never),
  ],
  [
    'testBackend',
    'timeout',
    'timeoutMs',
    () => testBackend({ name: 'x', create: backend, timeout: 5 } as never),
  ],
];

describe('options of every public factory', () => {
  it.each(typos)(
    '%s should refuse the misspelt key %s, naming %s',
    async (_name, path, meant, call) => {
      const error = await refusal(call);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(String(error)).toContain(`${path}: unknown key; did you mean "${meant}"?`);
    },
  );

  const inProcess: [string, (threads: unknown) => unknown][] = [
    [
      'createOnnxRuntimeBackend',
      (threads) => createOnnxRuntimeBackend({ model: '/no/model', threads } as never),
    ],
    [
      'createTransformersBackend',
      (threads) => createTransformersBackend({ model: '/no/model', threads } as never),
    ],
    [
      'createLlamaCppBackend',
      (threads) => createLlamaCppBackend({ model: '/no/model.gguf', threads } as never),
    ],
  ];
  it.each(inProcess)(
    '%s should refuse threads that are not a whole number of at least 1',
    async (_name, create) => {
      for (const threads of [0, -1, 1.5, '2']) {
        const error = await refusal(() => create(threads));
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect(String(error)).toMatch(/threads: /);
      }
    },
  );
});
