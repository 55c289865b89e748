import { createScriptedBackend, createThinkingScript } from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import type { EvalProblem } from '../src/runner/run-eval';

/** Six problems whose scripted model answers 51 after thinking in rounds that depend on the seed. */
export const fixtureProblems: EvalProblem[] = Array.from({ length: 6 }, (_, index) => ({
  id: `p${index}`,
  prompt: `What is 17 × 3? (variant ${index})`,
  answer: index % 2 === 0 ? '51' : '52',
}));

/** The scripted model: thinks in rounds (the first names the seed), then answers \boxed{51}. */
export function fixtureScript(tokenizer: Tokenizer) {
  return createThinkingScript({
    tokenizer,
    thoughts: (sampling) => [
      `\nFirst, 17 × 3 = 51 (seed ${sampling?.seed ?? 0}).\n`,
      ' Check: 50 + 1 = 51.\n',
      ' Sure.\n',
    ],
    answer: 'The answer is $\\boxed{51}$.',
  });
}

/** A scripted backend, each token taking `delayMs` of wall time (to give a kill somewhere to land). */
export function fixtureBackend(tokenizer: Tokenizer, delayMs = 0) {
  const script = fixtureScript(tokenizer);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return createScriptedBackend({
    tokenizer,
    model: (context, sampling) => {
      if (delayMs > 0) Atomics.wait(pause, 0, 0, delayMs);
      return script(context, sampling);
    },
  });
}

/** Grades by the last number in the text, enough for runner tests. */
export function gradeLastNumber(problem: EvalProblem, text: string) {
  const answer = text.match(/(\d+)(?!.*\d)/s)?.[1];
  return { answer, correct: answer === problem.answer };
}
