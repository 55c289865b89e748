import { functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';
import { tokenizerSchema } from '../common/backend-tokenizer';
import type { Sampling } from '../spec/backend-v1';

/**
 * A deterministic stand-in for a language model: given the whole context (prompt and everything
 * generated or appended so far) and the request's sampling settings, the ids it would pick next,
 * best first. A backend takes the first one that is not suppressed. A model that reads
 * `sampling.seed` behaves like sampling: different seeds, different traces, each reproducible.
 */
export type ScriptedModel = (
  context: readonly number[],
  sampling?: Sampling | undefined,
) => readonly number[];

const thoughtShape = {
  /** The thought's text. */
  text: z.string(),
  /** `think-end`: emit the end-detection token (`<|im_start|>`); `eos`: emit EOS. @default 'think-end' */
  end: z.enum(['think-end', 'eos']).optional(),
};

/**
 * One thought: text the model writes, then how it tries to end thinking.
 *
 * @useDeclaredType
 */
export type ScriptedThought = OptionsOf<typeof thoughtShape>;

const thoughtList = z.array(z.union([z.string(), z.strictObject(thoughtShape)])).readonly();

const thinkingScriptShape = {
  /** The tokenizer the script writes its text with. */
  tokenizer: tokenizerSchema,
  /**
   * What the model thinks, round by round; a continuation ("Wait") between rounds moves it on.
   * A function of the sampling settings makes the seed matter, as in sampling.
   */
  thoughts: z.union([
    thoughtList,
    functionSchema<(sampling: Sampling | undefined) => z.input<typeof thoughtList>>(),
  ]),
  /** Written, token by token and repeatedly, once the thoughts are used up and it may not stop. */
  filler: z.string().optional(),
  /** The answer after the end delimiter; written after "answer\n", or after a forced "Final Answer:". */
  answer: z.string(),
  /**
   * The text that opens thinking; the context after its last occurrence is read.
   * @default '<|im_start|>think'
   */
  thinkingStart: z.string().optional(),
  /** The token that ends thinking. @default '<|im_start|>' */
  endDetection: z.string().optional(),
  /**
   * The end-of-sequence token: it ends the answer, and a thought with `end: 'eos'`. @default
   * '<|im_end|>'
   */
  eos: z.string().optional(),
};

const optionsSchema = z.strictObject(thinkingScriptShape);

/**
 * Options of {@link createThinkingScript}.
 *
 * @useDeclaredType
 */
export type ThinkingScriptOptions = OptionsOf<typeof thinkingScriptShape>;

/**
 * A model that thinks in scripted rounds, s1 style. It reads the context after the last thinking
 * start: text that continues the current thought is followed; text that does not (an inserted
 * "Wait", whatever its wording) is taken as a continuation and moves it to the next thought.
 * After the end-detection token it writes `answer\n` + `answer`, or, when the forced text already
 * holds `Final Answer:`, ` ` + the answer. It never depends on call history, so stepping,
 * segments and an HTTP server driven by the same script produce the same tokens.
 */
export function createThinkingScript(options: ThinkingScriptOptions): ScriptedModel {
  validate(optionsSchema, options, 'thinking script options');
  const { tokenizer } = options;
  const startIds = tokenizer.encode(options.thinkingStart ?? '<|im_start|>think');
  const endDetectionId = tokenizer.idOf(options.endDetection ?? '<|im_start|>');
  const eosId = tokenizer.idOf(options.eos ?? '<|im_end|>');
  const thoughtsFor = (sampling: Sampling | undefined): ScriptedThought[] =>
    (typeof options.thoughts === 'function' ? options.thoughts(sampling) : options.thoughts).map(
      (thought) => (typeof thought === 'string' ? { text: thought } : thought),
    );
  const filler = options.filler ?? ' Let me double-check.';
  const fillerId = tokenizer.encode(filler)[0] ?? eosId;
  const firstTokenOf = (text: string) => tokenizer.encode(text)[0] ?? eosId;

  const answerPhase = (afterEnd: string): number[] => {
    const targets = [`answer\n${options.answer}`, `answer\nFinal Answer: ${options.answer}`];
    const target = targets.find((candidate) => candidate.startsWith(afterEnd));
    if (target === undefined || target === afterEnd) return [eosId];
    return [firstTokenOf(target.slice(afterEnd.length)), eosId];
  };
  const tryToEnd = (thought: ScriptedThought | undefined) => [
    thought?.end === 'eos' ? eosId : endDetectionId,
    fillerId,
  ];

  return (context, sampling) => {
    const thoughts = thoughtsFor(sampling);
    const regionStart = lastIndexOfSequence(context, startIds);
    if (regionStart === -1) return [eosId];
    const region = context.slice(regionStart + startIds.length);
    const endAt = region.indexOf(endDetectionId);
    if (endAt !== -1) return answerPhase(tokenizer.decode(region.slice(endAt + 1)));

    let rest = tokenizer.decode(region);
    for (let round = 0; round < thoughts.length; round++) {
      const thought = thoughts[round] as ScriptedThought;
      if (round > 0) {
        if (rest === '') return tryToEnd(thoughts[round - 1]);
        // Skip an inserted continuation: the shortest head after which this thought resumes.
        rest = rest.slice(resumePoint(rest, thought.text));
      }
      if (thought.text.startsWith(rest)) {
        const remaining = thought.text.slice(rest.length);
        return remaining === '' ? tryToEnd(thought) : [firstTokenOf(remaining), fillerId];
      }
      if (!rest.startsWith(thought.text)) break;
      rest = rest.slice(thought.text.length);
    }
    // Out of thoughts (or off script): try to end, else write the filler.
    return tryToEnd(rest === '' ? thoughts[thoughts.length - 1] : undefined);
  };
}

function resumePoint(rest: string, thought: string): number {
  for (let index = 0; index <= rest.length; index++) {
    const tail = rest.slice(index);
    if (thought.startsWith(tail) || tail.startsWith(thought)) return index;
  }
  return rest.length;
}

function lastIndexOfSequence(haystack: readonly number[], needle: readonly number[]): number {
  outer: for (let start = haystack.length - needle.length; start >= 0; start--) {
    for (let offset = 0; offset < needle.length; offset++) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return start;
  }
  return -1;
}

/**
 * A model that writes `ids` over and over, whatever the context: the cheapest possible model.
 * Its second choice is the id after the one it prefers.
 */
export function createCyclicModel(ids: readonly number[]): ScriptedModel {
  return (context) => [
    ids[context.length % ids.length] as number,
    ids[(context.length + 1) % ids.length] as number,
  ];
}
