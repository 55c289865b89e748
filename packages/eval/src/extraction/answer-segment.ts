const answerHeader = '<|im_start|>answer\n';
const turnHeader = '<|im_start|>';

/**
 * The part of a response the s1 harness grades (the first step of `process_results` in its
 * tasks, e.g. `eval/lm-evaluation-harness/lm_eval/tasks/openai_math/utils.py` in
 * github.com/simplescaling/s1): the text after the last
 * `<|im_start|>answer\n`; else after the last `<|im_start|>`, without its first line (the role)
 * when it has a line break; else the whole response.
 *
 * @example
 * answerSegment('<|im_start|>think\n…<|im_start|>answer\nAnswer: 3'); // 'Answer: 3'
 */
export function answerSegment(response: string): string {
  const answerAt = response.lastIndexOf(answerHeader);
  if (answerAt !== -1) return response.slice(answerAt + answerHeader.length);
  const turnAt = response.lastIndexOf(turnHeader);
  if (turnAt === -1) return response;
  const turn = response.slice(turnAt + turnHeader.length);
  const lineBreak = turn.indexOf('\n');
  return lineBreak === -1 ? turn : turn.slice(lineBreak + 1);
}
