import type { Tokenizer } from '@s1/chat-template';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import {
  createScriptedBackend,
  createThinkingScript,
  type ScriptedThought,
} from '../testing/index';
import { createBudgetForcing } from './create-budget-forcing';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

const fragments = ['\n', ' step', ' 3 + 4 = 7.', ' é', ' 数学', ' 😀', ' x', '.\n', ' Wait', ' so'];
const thought = fc.record({
  text: fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join('')),
  end: fc.constantFrom<ScriptedThought['end']>('think-end', 'eos'),
});
const scenario = fc
  .record({
    thoughts: fc.array(thought, { minLength: 1, maxLength: 4 }),
    max: fc.integer({ min: 0, max: 60 }),
    minShare: fc.double({ min: 0, max: 1, noNaN: true }),
    ignoreEnd: fc.integer({ min: 0, max: 3 }),
    continuation: fc.constantFrom('Wait', 'Hmm', '', ' Alternatively,'),
    variant: fc.constantFrom('stepping' as const, 'segments' as const),
  })
  .map((value) => ({ ...value, min: Math.floor(value.max * value.minShare) }));

describe('control in exact mode', () => {
  it('should keep thinking tokens within [min, max] for any scripted model and any budgets', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario,
        async ({ thoughts, max, min, ignoreEnd, continuation, variant }) => {
          const model = createThinkingScript({ tokenizer, thoughts, answer: '7' });
          const controller = createBudgetForcing({
            backend: createScriptedBackend({ model, tokenizer, variant }),
            thinking: { max, min, ignoreEnd, continuation },
          });
          const result = await controller.generate({
            prompt: '<|im_start|>user\nAdd 3 and 4.<|im_end|>\n<|im_start|>assistant\n',
          });
          expect(result.thinkingTokens).toBeGreaterThanOrEqual(min);
          // Only finishing a character split across tokens may pass the budget, by at most 3 tokens.
          expect(result.thinkingTokens - result.graceTokens).toBeLessThanOrEqual(max);
          expect(result.graceTokens).toBeLessThanOrEqual(3);
          expect(result.hitBudget).toBe(result.thinkingEnd === 'budget');
          expect(result.warnings).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
