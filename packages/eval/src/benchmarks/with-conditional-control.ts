import { type ConditionalControl, conditionalControlPrompt } from '@s1/budget-forcing';
import type { BenchmarkProblem } from './benchmark';

/**
 * The problem with a token-, step- or class-conditional instruction appended to its prompt
 * (S1-SPEC §2.6), as the TCC / SCC / CCC evaluations send it. For GPQA the instruction follows
 * the choices, as in the harness.
 *
 * @example
 * ```ts
 * const tcc = withConditionalControl(problem, { kind: 'tokens', limit: 4096 });
 * tcc.prompt; // '…\n\nThink for up to 4096 tokens.'
 * ```
 */
export function withConditionalControl(
  problem: BenchmarkProblem,
  control: ConditionalControl,
): BenchmarkProblem {
  return { ...problem, prompt: conditionalControlPrompt(problem.prompt, control) };
}
