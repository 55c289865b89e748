import { validate } from '@s1/errors';
import { z } from 'zod';

const limit = z.number().int().positive();

const conditionalControlSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Token-conditional: "Think for up to `limit` tokens." */
    kind: z.literal('tokens'),
    /** The tokens the instruction names. */
    limit,
  }),
  z.strictObject({
    /** Step-conditional: "Think for up to `limit` steps." */
    kind: z.literal('steps'),
    /** The steps the instruction names. */
    limit,
  }),
  z.strictObject({
    /** Class-conditional: asks for a long amount of thinking, double-checking the work. */
    kind: z.literal('long'),
  }),
  z.strictObject({
    /** Class-conditional: asks for a short amount of thinking. */
    kind: z.literal('short'),
  }),
]);

/**
 * The prompt-side length controls that the s1 paper (arXiv 2501.19393, Table 3) compares budget
 * forcing with: token-conditional (`tokens`), step-conditional (`steps`) and class-conditional
 * (`long`, `short`) control. Each appends an instruction to the question, as the s1 evaluation
 * does: the `QUERY_TEMPLATE` that its harness tasks build from the `PROMPTTOKEN`, `PROMPTSTEP`,
 * `PROMPTLONG` and `PROMPTSHORT` environment variables (e.g.
 * `eval/lm-evaluation-harness/lm_eval/tasks/aime/utils.py` in github.com/simplescaling/s1).
 *
 * @useDeclaredType
 */
export type ConditionalControl = z.input<typeof conditionalControlSchema>;

const longInstruction =
  'Answer after a long amount of thinking. If you feel like you are finished early, spend the extra time trying to double-check your work until you are absolutely sure that you have the correct answer.';
const shortInstruction =
  'Answer after a short amount of thinking. Do not spend excessive time double-checking your work.';

/** The instruction text for a conditional control. */
export function conditionalControlInstruction(control: ConditionalControl): string {
  validate(conditionalControlSchema, control, 'conditional control');
  switch (control.kind) {
    case 'tokens':
      return `Think for up to ${control.limit} tokens.`;
    case 'steps':
      return `Think for up to ${control.limit} steps.`;
    case 'long':
      return longInstruction;
    case 'short':
      return shortInstruction;
  }
}

/** `"{question}\n\n{instruction}"`, the user turn of the conditional-control evaluations. */
export function conditionalControlPrompt(question: string, control: ConditionalControl): string {
  return `${question}\n\n${conditionalControlInstruction(control)}`;
}
