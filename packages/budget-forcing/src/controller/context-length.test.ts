import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { ContextLengthError } from '../errors/context-length-error';
import { createSteppingBackend } from '../stepping/create-stepping-backend';
import { createCyclicModel, createScriptedBackend } from '../testing/index';
import { createBudgetForcing } from './create-budget-forcing';
import type { FidelityMode, ThinkingOptions } from './options';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

const prompt = '<|im_start|>user\nCount to a thousand.<|im_end|>\n<|im_start|>assistant\n';
const contextLength = 200;

// Never ends thinking nor the answer: only the budgets and the context stop it.
const endless = (variant: 'segments' | 'stepping') =>
  createScriptedBackend({
    model: createCyclicModel(tokenizer.encode(' one two three four')),
    tokenizer,
    variant,
    contextLength,
  });

const defaultBudgets: [string, ThinkingOptions][] = [
  ['no thinking options', {}],
  ['max auto', { max: 'auto' }],
  ['max auto, 2 ends ignored', { max: 'auto', ignoreEnd: 2 }],
  ['a minimum', { min: 20 }],
];
const modes: FidelityMode[] = ['exact', 'harness', 'readme'];

describe('budget forcing within the model context', () => {
  describe.each(['segments', 'stepping'] as const)('on a %s backend', (variant) => {
    it.each(
      modes.flatMap((mode) => defaultBudgets.map(([name, thinking]) => [mode, name, thinking])),
    )(
      'should keep every request of %s mode with %s inside the context',
      async (mode, _name, thinking) => {
        // The scripted backend throws, as vLLM refuses, on any request or session beyond its context.
        const backend = endless(variant);
        const result = await createBudgetForcing({
          backend,
          mode: mode as FidelityMode,
          thinking: thinking as ThinkingOptions,
        }).generate({ prompt });
        // It ran to the end of the context: nothing else stops this model.
        expect(result.finishReason).toBe('length');
      },
    );
  });

  it('should leave the answer room in exact mode and say when it lowered an explicit budget', async () => {
    const result = await createBudgetForcing({
      backend: endless('segments'),
      thinking: { max: 1000 },
    }).generate({ prompt });
    const promptTokens = tokenizer.encode(`${prompt}<|im_start|>think`).length;
    const forcedEnd = tokenizer.encode('\n<|im_start|>answer\nFinal Answer:').length;
    const available = contextLength - promptTokens - forcedEnd;
    // 100 answer tokens as the harness leaves, or half of what a small context leaves.
    const answerRoom = Math.min(100, Math.floor(available / 2));
    expect(result.hitBudget).toBe(true);
    expect(result.thinkingTokens).toBe(available - answerRoom);
    expect(result.answerTokens).toBe(answerRoom);
    expect(result.warnings).toContainEqual({
      type: 'limited',
      feature: 'thinking.max',
      details: expect.stringContaining(`from 1000 to ${available - answerRoom} tokens`),
    });
  });

  it('should warn when the "auto" budget leaves no thinking, instead of thinking 0 tokens silently', async () => {
    const result = await createBudgetForcing({
      backend: createScriptedBackend({
        model: createCyclicModel(tokenizer.encode(' one two')),
        tokenizer,
        variant: 'stepping',
      }),
      thinking: { max: 'auto' },
      answer: { maxTokens: 50 },
    }).generate({ prompt });
    expect(result.thinkingTokens).toBe(0);
    expect(result.warnings).toContainEqual({
      type: 'limited',
      feature: 'thinking.max',
      details: expect.stringMatching(
        /^the "auto" thinking budget is -\d+: the answer budget \(50\)/,
      ),
    });
  });

  it('should not warn when a budget fits the context', async () => {
    const result = await createBudgetForcing({
      backend: endless('stepping'),
      thinking: { max: 20 },
      answer: { maxTokens: 10 },
    }).generate({ prompt });
    expect(result.thinkingTokens).toBe(20);
    expect(result.answerTokens).toBe(10);
    expect(result.warnings).toEqual([]);
  });

  it('should stop harness mode at the context as vLLM offline does, with a warning once full', async () => {
    const result = await createBudgetForcing({
      backend: endless('segments'),
      mode: 'harness',
      thinking: { max: 1000 },
    }).generate({ prompt });
    // Thinking took the whole context; the forced end pushed the answer prompt past it.
    expect(result.hitBudget).toBe(true);
    expect(result.answerTokens).toBe(0);
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['context']);
  });

  it('should refuse a prompt that fills the context, naming both lengths', async () => {
    const long = `<|im_start|>user\n${'word '.repeat(300)}<|im_end|>\n<|im_start|>assistant\n`;
    const run = createBudgetForcing({ backend: endless('segments') }).generate({ prompt: long });
    await expect(run).rejects.toThrow(ContextLengthError);
    await expect(run).rejects.toThrow(/context holds 200 tokens/);
  });

  it('should cut a direct segment request of a stepping backend at the context', async () => {
    const backend = createScriptedBackend({
      model: createCyclicModel(tokenizer.encode(' one two')),
      tokenizer,
      variant: 'stepping',
    });
    const open = backend.open?.bind(backend);
    if (open === undefined) throw new Error('the scripted backend must step');
    const bounded = createSteppingBackend({
      provider: 'bounded',
      modelId: 'm',
      tokenizer: backend.tokenizer,
      open,
      contextLength: 30,
    });
    const result = await bounded.generate({
      prompt: { tokenIds: tokenizer.encode(' one'.repeat(25)) },
      maxTokens: 100,
    });
    expect(result?.completionTokens).toBe(5);
    expect(result?.finishReason).toBe('length');
    await expect(bounded.contextLength?.()).resolves.toBe(30);
  });
});
