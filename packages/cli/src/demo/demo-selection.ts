import type { Tokenizer } from '@s1/chat-template';
import {
  createSelection,
  difficultyStage,
  domainStage,
  fieldAccessors,
  filterStage,
  type Grader,
  type SelectionResult,
  type Solver,
  samplingStage,
  traceLengthStage,
} from '@s1/selection';
import { type DemoProblem, labelled, questionDigits, runningValues } from './demo-task';

const accessors = fieldAccessors({
  id: 'id',
  question: 'question',
  trace: 'thinking',
  answer: 'gold',
  domain: 'domain',
});

// s1 drops the questions its small models solve (Qwen2.5-7B and -32B). The demo's stand-in is
// a shortcut that answers with the first digit, without thinking: what it solves teaches no
// reasoning.
const shortcut: Solver = async (question) =>
  `\\boxed{${questionDigits(question)?.digits[0] ?? ''}}`;
const boxedEquals: Grader = async ({ attempt, solution }) =>
  solution == null ? null : attempt === `\\boxed{${solution}}`;

/** Why a trace fails the check: a step that does not follow, or an answer it does not reach. */
function traceFault(row: Record<string, unknown>): string | undefined {
  const parsed = questionDigits(String(row.question));
  if (parsed === undefined) return 'quality: not a demo question';
  const values = runningValues(parsed.kind, parsed.digits);
  const expected = labelled(values);
  if (row.thinking !== expected) return 'quality: a step of the trace is wrong';
  return row.answer === `\\boxed{${values.at(-1)}}`
    ? undefined
    : 'quality: the answer is not where the trace ends';
}

export interface DemoSelectionOptions {
  tokenizer: Tokenizer;
  /** Examples to keep. */
  n: number;
  seed: number;
  onProgress?: ((stage: string, done: number, total: number) => void) | undefined;
}

/**
 * s1's three criteria on the demo's pool: quality (every trace checked step by step), difficulty
 * (the shortcut's questions dropped, longer traces preferred) and diversity (the kinds sampled
 * uniformly), by the s1 sampler.
 */
export function selectDemoExamples(
  pool: readonly DemoProblem[],
  options: DemoSelectionOptions,
): Promise<SelectionResult<Record<string, unknown>>> {
  const selection = createSelection<Record<string, unknown>>({
    accessors,
    stages: [
      filterStage('quality', (item) => traceFault(item.row)),
      difficultyStage({ solvers: { 'first-digit': shortcut }, grader: boxedEquals }),
      domainStage(),
      traceLengthStage({ tokenizer: options.tokenizer }),
      samplingStage({ n: options.n, seed: options.seed }),
    ],
    onProgress: options.onProgress,
  });
  return selection.run(pool);
}
