import type { ScriptedModel } from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import type { PoolItem, RecordAccessors } from '../src/pool-record';

/** A pool row of the difficulty tests. */
export interface FixtureRow {
  question: string;
  solution?: string | undefined;
}

/** Put in a question, it makes the grader's first reply to each grading prompt unparsable. */
export const flakyGraderMark = '[flaky grader]';
/** Put in a question, it makes every grader reply unparsable. */
export const mutedGraderMark = '[muted grader]';

/** Questions, and what each solver answers, chosen to cover every outcome of the s1 rule. */
export const fixtureRows: FixtureRow[] = [
  { question: 'What is 17 x 3?', solution: '51' },
  { question: 'What is 12 squared?', solution: '144' },
  { question: 'How many primes are below 30?', solution: '10' },
  { question: 'Write a program that sorts a list.' },
  { question: `What is 2 to the 10th power? ${flakyGraderMark}`, solution: '1024' },
  { question: 'What is 7 + 8?', solution: '15' },
  { question: 'What is 100 / 4?', solution: '25' },
];

export const solverAnswers = {
  qwen7b: ['51', '124', '11', 'sorted()', '1024', '15', '20'],
  qwen32b: ['51', '144', '9', 'sorted()', '1000', '15', '25'],
};

/** The features the fixture must get: graded by whether the attempt holds the solution. */
export const expectedFeatures = [
  { solvedBy: { qwen7b: true, qwen32b: true } },
  { solvedBy: { qwen7b: false, qwen32b: true } },
  { solvedBy: { qwen7b: false, qwen32b: false } },
  { solvedBy: { qwen7b: null, qwen32b: null } },
  { solvedBy: { qwen7b: true, qwen32b: false } },
  { solvedBy: { qwen7b: true, qwen32b: true } },
  { solvedBy: { qwen7b: false, qwen32b: true } },
];

export const fixtureItems: PoolItem<FixtureRow>[] = fixtureRows.map((row, index) => ({
  id: `q${index}`,
  row,
  features: {},
}));

export const fixtureAccessors: Pick<RecordAccessors<FixtureRow>, 'question' | 'answer'> = {
  question: (row) => row.question,
  answer: (row) => row.solution,
};

const assistantHeader = '<|im_start|>assistant\n';

/**
 * Follows a target reply token by token: the first token of what is left, or EOS once written.
 * `pick` chooses the target from the prompt and what was generated so far.
 */
function followingModel(
  tokenizer: Tokenizer,
  pick: (prompt: string, generated: string) => string,
): ScriptedModel {
  const eosId = tokenizer.idOf('<|im_end|>');
  return (context) => {
    const text = tokenizer.decode(context);
    const cut = text.lastIndexOf(assistantHeader) + assistantHeader.length;
    const [prompt, generated] = [text.slice(0, cut), text.slice(cut)];
    const target = pick(prompt, generated);
    if (!target.startsWith(generated) || target === generated) return [eosId];
    return [tokenizer.encode(target.slice(generated.length))[0] ?? eosId, eosId];
  };
}

/** A solver model: reads the question from the user turn and writes an attempt with its answer. */
export function answeringModel(tokenizer: Tokenizer, answers: readonly string[]): ScriptedModel {
  return followingModel(tokenizer, (prompt) => {
    const question = /<\|im_start\|>user\n([\s\S]*?)<\|im_end\|>/.exec(prompt)?.[1];
    const answer = answers[fixtureRows.findIndex((row) => row.question === question)] ?? '?';
    return `Let me work it out step by step.\nThe answer is ${answer}.`;
  });
}

/**
 * A grader model: explains, then ends with "\nYes" when the attempt holds the correct answer and
 * "\nNo" otherwise. For a flaky question its first reply to each prompt has no verdict line; the
 * first token of the reply tells the later steps which reply they are writing.
 */
export function gradingModel(tokenizer: Tokenizer): ScriptedModel {
  const started = new Map<string, number>();
  return followingModel(tokenizer, (prompt, generated) => {
    const match = /## Attempt\n([\s\S]*?)\n\n## Correct answer\n([\s\S]*?)<\|im_end\|>/.exec(
      prompt,
    );
    const [attempt, solution] = [match?.[1] ?? '', match?.[2] ?? ''];
    const verdict = attempt.includes(`answer is ${solution}.`) ? 'Yes' : 'No';
    const parsable = `Comparing the attempt with ${solution}: it ${verdict === 'Yes' ? 'agrees' : 'differs'}.\n${verdict}`;
    const unparsable = `The attempt looks ${verdict === 'Yes' ? 'right' : 'wrong'}: ${verdict}.`;
    if (generated !== '') return parsable.startsWith(generated) ? parsable : unparsable;
    const tries = (started.get(prompt) ?? 0) + 1;
    started.set(prompt, tries);
    if (prompt.includes(mutedGraderMark)) return unparsable;
    return prompt.includes(flakyGraderMark) && tries === 1 ? unparsable : parsable;
  });
}
