import { functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';

const majorityVoteShape = {
  /** Maps an answer to the key votes are counted on (e.g. trimming, lower-casing). @default identity */
  normalize: functionSchema<(answer: string) => string>().optional(),
};

const optionsSchema = z.strictObject(majorityVoteShape);

/**
 * Options of {@link majorityVote} and {@link votingCurve}.
 *
 * @useDeclaredType
 */
export type MajorityVoteOptions = OptionsOf<typeof majorityVoteShape>;

/** The outcome of a majority vote. */
export interface MajorityVote {
  /** The winning answer as first written (not normalized), or undefined when no answer was given. */
  answer: string | undefined;
  /** Votes for the winning answer (0 when no answer was given). */
  votes: number;
  /** Answers counted. */
  total: number;
  /** Samples with no answer (undefined), left out of the count. */
  skipped: number;
}

/**
 * The most common answer, ties broken by the answer seen first, as Python's
 * `Counter.most_common(1)` does in the s1 evaluation (maj@k in `process_results` of
 * `eval/lm-evaluation-harness/lm_eval/tasks/aime/utils.py` in github.com/simplescaling/s1).
 */
export function majorityVote(
  answers: readonly (string | undefined)[],
  options: MajorityVoteOptions = {},
): MajorityVote {
  validate(optionsSchema, options, 'majority vote options');
  const normalize = options.normalize ?? ((answer: string) => answer);
  const counts = new Map<string, { answer: string; votes: number }>();
  let skipped = 0;
  for (const answer of answers) {
    if (answer === undefined) {
      skipped++;
      continue;
    }
    const key = normalize(answer);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { answer, votes: 1 });
    else entry.votes++;
  }
  let winner: { answer: string; votes: number } | undefined;
  // Map iterates in insertion order, so the first answer seen wins a tie.
  for (const entry of counts.values())
    if (winner === undefined || entry.votes > winner.votes) winner = entry;
  return {
    answer: winner?.answer,
    votes: winner?.votes ?? 0,
    total: answers.length - skipped,
    skipped,
  };
}
