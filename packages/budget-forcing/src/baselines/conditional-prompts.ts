/**
 * The prompt-side length controls the paper compares budget forcing with (S1-SPEC §2.6):
 * token-conditional (`tokens`), step-conditional (`steps`) and class-conditional (`long`,
 * `short`) control. Each appends an instruction to the question, as the s1 evaluation does.
 */
export type ConditionalControl =
  | { kind: 'tokens'; limit: number }
  | { kind: 'steps'; limit: number }
  | { kind: 'long' }
  | { kind: 'short' };

const longInstruction =
  'Answer after a long amount of thinking. If you feel like you are finished early, spend the extra time trying to double-check your work until you are absolutely sure that you have the correct answer.';
const shortInstruction =
  'Answer after a short amount of thinking. Do not spend excessive time double-checking your work.';

/** The instruction text for a conditional control. */
export function conditionalControlInstruction(control: ConditionalControl): string {
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
