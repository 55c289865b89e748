import { type ConditionalControl, conditionalControlPrompt } from '@s1/budget-forcing';
import type { BenchmarkProblem } from './benchmark';

/**
 * The problem with a token-, step- or class-conditional instruction appended to its prompt, as the
 * TCC / SCC / CCC evaluations send it (the `QUERY_TEMPLATE` of the s1 harness tasks, e.g.
 * `eval/lm-evaluation-harness/lm_eval/tasks/aime/utils.py` in github.com/simplescaling/s1). For
 * GPQA the instruction follows the choices, as in the harness
 * (`lm_eval/tasks/gpqa/openai/utils.py`).
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
