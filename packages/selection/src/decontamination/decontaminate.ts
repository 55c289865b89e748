import { validate } from '@s1/errors';
import { z } from 'zod';
import { findCommonNgrams } from './common-ngrams';
import { expectedNgrams } from './expected-ngrams';
import { createCumulativeNgramIndex } from './ngram-index';

/** A named list of questions: a training source or an evaluation set. */
export interface QuestionSet {
  /** The set's name, as decisions and origins name it. */
  name: string;
  /** Its questions, in order. */
  questions: readonly string[];
}

/** A question of an evaluation set or of an earlier training source. */
export interface QuestionOrigin {
  /** Whether it is in an evaluation set or a training source. */
  kind: 'eval-set' | 'source';
  /** The set's name. */
  name: string;
  /** The question's index in the set. */
  index: number;
}

/** What happened to one training question. */
export type DecontaminationDecision =
  | {
      /** Kept. */
      keep: true;
    }
  | {
      /** Dropped. */
      keep: false;
      /** It shares an n-gram with an evaluation question or an earlier source's question. */
      reason: 'contaminated';
      /** The shared n-gram. */
      ngram: string;
      /** The question it shares the n-gram with. */
      match: QuestionOrigin;
    }
  | {
      /** Dropped. */
      keep: false;
      /** The same text survived earlier. */
      reason: 'duplicate';
      /** The earlier occurrence that was kept. */
      duplicateOf: QuestionOrigin;
    };

/** Options of {@link decontaminate}. */
export interface DecontaminateOptions {
  /** Words per n-gram. Default 8, as s1. */
  n?: number;
  /** Add each source's survivors to the pool checked by later sources, as s1. Default true. */
  cumulative?: boolean;
  /**
   * Not in s1: never flag on n-grams found in more than `documentFraction` of all texts given
   * (evaluation sets and sources together), treating them as boilerplate.
   */
  ignoreCommonNgrams?: {
    /** The share of texts (0–1] an n-gram must exceed to be ignored. */
    documentFraction: number;
  };
}

export const questionSetsSchema = z
  .array(z.object({ name: z.string(), questions: z.array(z.string()).readonly() }))
  .readonly();
/** The keys of `DecontaminateOptions`, for the strict schemas of the functions that take them. */
export const decontaminateOptionsShape = {
  n: z.int().min(1).optional(),
  cumulative: z.boolean().optional(),
  ignoreCommonNgrams: z.strictObject({ documentFraction: z.number().gt(0).max(1) }).optional(),
} satisfies Record<keyof DecontaminateOptions, z.ZodType>;
const argumentsSchema = z.object({
  sources: questionSetsSchema,
  evalSets: questionSetsSchema,
  options: z.strictObject(decontaminateOptionsShape),
});

/**
 * s1's decontamination and dedup (`data/decontaminate_util.py` in github.com/simplescaling/s1).
 * Sources are processed in order: a question is
 * dropped when one of its word n-grams occurs in an evaluation question or, cumulatively, in a
 * surviving question of an earlier source (never of its own source). Then an exact-string
 * dedup over the survivors keeps the first occurrence. Returns one decision per question.
 *
 * @example
 * const [numina] = decontaminate(
 *   [{ name: 'numina', questions }],
 *   [{ name: 'math500', questions: math500Problems }],
 * );
 * numina.decisions[3]; // { keep: false, reason: 'contaminated', ngram: '…', match: { … } }
 */
export function decontaminate(
  sources: readonly QuestionSet[],
  evalSets: readonly QuestionSet[],
  options: DecontaminateOptions = {},
): {
  /** The source's name. */
  name: string;
  /** One decision per question of the source, in order. */
  decisions: DecontaminationDecision[];
}[] {
  validate(argumentsSchema, { sources, evalSets, options }, 'decontamination arguments');
  const { n = 8, cumulative = true, ignoreCommonNgrams } = options;

  const ignoredNgrams = ignoreCommonNgrams
    ? findCommonNgrams(
        [...evalSets, ...sources].flatMap((set) => set.questions),
        { n, documentFraction: ignoreCommonNgrams.documentFraction },
      )
    : new Set<string>();
  // Sized up front for every n-gram it may hold: growing a table of millions costs more.
  const indexed = cumulative ? [...evalSets, ...sources] : evalSets;
  const pool = createCumulativeNgramIndex<QuestionOrigin>(
    evalSets.flatMap(({ name, questions }) =>
      questions.map((text, index) => ({ text, source: { kind: 'eval-set', name, index } })),
    ),
    { n, ignoredNgrams },
    expectedNgrams(
      indexed.flatMap((set) => set.questions),
      n,
    ),
  );

  const firstSeen = new Map<string, QuestionOrigin>();
  return sources.map(({ name, questions }) => {
    // A source is checked against the evaluation sets and earlier sources, never itself.
    const earlierTexts = pool.textCount;
    const decisions = questions.map((question, index): DecontaminationDecision => {
      const origin: QuestionOrigin = { kind: 'source', name, index };
      // Survivors join the pool as they are found: hashing each question once, not twice.
      const match = cumulative
        ? pool.firstMatchElseAdd(question, origin, earlierTexts)
        : pool.firstMatch(question);
      if (match) {
        return { keep: false, reason: 'contaminated', ngram: match.ngram, match: match.source };
      }
      const duplicateOf = firstSeen.get(question);
      if (duplicateOf) return { keep: false, reason: 'duplicate', duplicateOf };
      firstSeen.set(question, origin);
      return { keep: true };
    });
    return { name, decisions };
  });
}
