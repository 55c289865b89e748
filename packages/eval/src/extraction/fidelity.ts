import { z } from 'zod';

/**
 * `'reference'` reproduces the answer extraction and comparison of the s1 harness bit for bit,
 * quirks included (`process_results` of its `aime`, `openai_math` and `gpqa/openai` tasks, under
 * `eval/lm-evaluation-harness/lm_eval/tasks/` in github.com/simplescaling/s1); `'fixed'` repairs
 * those quirks (`extractAnswer` and `gpqaChoice` say which).
 */
export type ExtractionFidelity = 'reference' | 'fixed';

export const fidelityOptionsSchema = z.strictObject({
  fidelity: z.enum(['reference', 'fixed']).optional(),
});

/** How faithfully the s1 harness's extraction is reproduced. */
export interface FidelityOptions {
  /**
   * `reference` (the harness, quirks included) or `fixed` (its quirks repaired). @default 'fixed'
   */
  fidelity?: ExtractionFidelity | undefined;
}
