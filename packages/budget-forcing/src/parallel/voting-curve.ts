import { type MajorityVoteOptions, majorityVote } from './majority-vote';

/** One sample of a problem, for {@link votingCurve}. */
export interface VotedSample {
  /** The extracted answer, or undefined when none could be extracted. */
  answer: string | undefined;
  /** Whether the answer is correct. */
  correct: boolean;
}

/** maj@k and cov@k at one k. */
export interface VotingPoint {
  /** Samples considered: the first k. */
  k: number;
  /** 1 when the majority answer of the first k samples is correct. */
  majority: number;
  /** 1 when any of the first k samples is correct. */
  coverage: number;
}

/**
 * maj@k and cov@k for one problem at k = 2, 4, 8, … up to the number of samples, over the
 * samples in the order they were drawn, as `process_results` of the s1 harness tasks computes
 * them (e.g. `eval/lm-evaluation-harness/lm_eval/tasks/aime/utils.py` in
 * github.com/simplescaling/s1).
 */
export function votingCurve(
  samples: readonly VotedSample[],
  options: MajorityVoteOptions & { ks?: readonly number[] | undefined } = {},
): VotingPoint[] {
  const ks = options.ks ?? powersOfTwoUpTo(samples.length);
  return ks
    .filter((k) => k <= samples.length)
    .map((k) => {
      const first = samples.slice(0, k);
      const vote = majorityVote(
        first.map((sample) => sample.answer),
        options,
      );
      const normalize = options.normalize ?? ((answer: string) => answer);
      const winner = first.find(
        (sample) =>
          sample.answer !== undefined &&
          vote.answer !== undefined &&
          normalize(sample.answer) === normalize(vote.answer),
      );
      return {
        k,
        majority: winner?.correct ? 1 : 0,
        coverage: first.some((sample) => sample.correct) ? 1 : 0,
      };
    });
}

function powersOfTwoUpTo(n: number): number[] {
  const ks: number[] = [];
  for (let k = 2; k <= n; k *= 2) ks.push(k);
  return ks;
}
