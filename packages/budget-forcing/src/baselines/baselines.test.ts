import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createScriptedBackend, createThinkingScript, type ScriptedModel } from '../testing/index';
import { conditionalControlPrompt } from './conditional-prompts';
import { createRejectionSampling } from './rejection-sampling';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

// Thinks for a seed-dependent number of " step" tokens, then ends; answers "42".
function seededLengthModel(lengthForSeed: (seed: number) => number): ScriptedModel {
  return createThinkingScript({
    tokenizer,
    thoughts: (sampling) => [' step'.repeat(lengthForSeed(sampling?.seed ?? 0))],
    answer: '42',
  });
}

describe('createRejectionSampling', () => {
  it('should resample until thinking ends by itself within the budget, counting the stop token', async () => {
    // Seeds 100, 101, 102 think for 14, 10 and 9 tokens: + the stop token, only 102 fits in 10.
    const lengths: Record<number, number> = { 100: 14, 101: 10, 102: 9 };
    const backend = createScriptedBackend({
      model: seededLengthModel((seed) => lengths[seed] ?? 30),
      tokenizer,
    });
    const sampler = createRejectionSampling({
      backend,
      budget: 10,
      sampling: { temperature: 1, seed: 100 },
    });
    const result = await sampler.generate({
      prompt: '<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n',
    });
    expect(result.accepted).toBe(true);
    expect(result.tries).toBe(3);
    expect(result.thinkingTokens).toBe(9);
    expect(result.text).toBe(`<|im_start|>think${' step'.repeat(9)}<|im_start|>answer\n42`);
    expect(result.usage.requests).toBe(4);
    expect(result.warnings).toEqual([]);
  });

  it('should report giving up and finish the last trace at the budget', async () => {
    const backend = createScriptedBackend({ model: seededLengthModel(() => 50), tokenizer });
    const sampler = createRejectionSampling({
      backend,
      budget: 5,
      maxTries: 4,
      sampling: { temperature: 1, seed: 1 },
    });
    const result = await sampler.generate({ prompt: 'Q' });
    expect(result).toMatchObject({ accepted: false, tries: 4, hitBudget: true, thinkingTokens: 5 });
    expect(
      result.text.startsWith(
        `<|im_start|>think${' step'.repeat(6)}\n<|im_start|>answer\nFinal Answer:`,
      ),
    ).toBe(true);
  });

  it('should warn that temperature 0 draws the same trace every time', async () => {
    const backend = createScriptedBackend({ model: seededLengthModel(() => 3), tokenizer });
    const result = await createRejectionSampling({ backend, budget: 10 }).generate({ prompt: 'Q' });
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['temperature']);
  });
});

describe('conditionalControlPrompt', () => {
  it('should append the instructions of the s1 evaluation', () => {
    expect(conditionalControlPrompt('Q?', { kind: 'tokens', limit: 2048 })).toBe(
      'Q?\n\nThink for up to 2048 tokens.',
    );
    expect(conditionalControlPrompt('Q?', { kind: 'steps', limit: 64 })).toBe(
      'Q?\n\nThink for up to 64 steps.',
    );
    expect(conditionalControlPrompt('Q?', { kind: 'short' })).toBe(
      'Q?\n\nAnswer after a short amount of thinking. Do not spend excessive time double-checking your work.',
    );
    expect(conditionalControlPrompt('Q?', { kind: 'long' })).toMatch(
      /^Q\?\n\nAnswer after a long amount of thinking\. If you feel like you are finished early, spend the extra time trying to double-check your work until you are absolutely sure that you have the correct answer\.$/,
    );
  });
});
