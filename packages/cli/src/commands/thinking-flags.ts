import type { ThinkingOptions } from '@s1/budget-forcing';
import { z } from 'zod';
import { wholeNumber } from '../flags';

/**
 * The thinking flags `s1 generate` and `s1 serve` share. `--max-thinking` is each command's own:
 * generate also takes "auto" (the context the prompt leaves).
 */
export const thinkingFlags = {
  minThinking: wholeNumber('--min-thinking').optional(),
  ignore: wholeNumber('--ignore').optional(),
  continuation: z.array(z.string()).optional(),
  onBudget: z.string().optional(),
};

interface ThinkingFlags {
  maxThinking?: number | 'auto' | undefined;
  minThinking?: number | undefined;
  ignore?: number | undefined;
  continuation?: string[] | undefined;
  onBudget?: string | undefined;
}

/** Refuses a minimum above a numeric maximum, in flag terms. */
export function checkThinkingBounds(
  { minThinking, maxThinking }: ThinkingFlags,
  context: z.RefinementCtx,
): void {
  if (minThinking !== undefined && typeof maxThinking === 'number' && minThinking > maxThinking) {
    context.addIssue({
      code: 'custom',
      message: `--min-thinking (${minThinking}) must not be above --max-thinking (${maxThinking})`,
    });
  }
}

/** The controller's thinking options the flags set. */
export function thinkingOptionsOf(flags: ThinkingFlags): ThinkingOptions {
  return {
    max: flags.maxThinking,
    min: flags.minThinking,
    ignoreEnd: flags.ignore,
    continuation: flags.continuation,
    onBudget: flags.onBudget,
  };
}
