import { validate } from '@s1/errors';
import { z } from 'zod';
import type { QualityRule } from './quality-rule';
import { s1QualityRules } from './s1-quality-rules';

/** Whether a question passes the quality rules, and the first rule that dropped it if not. */
export type QualityDecision =
  | {
      /** Kept. */
      keep: true;
    }
  | {
      /** Dropped. */
      keep: false;
      /** The name of the rule that dropped it. */
      rule: string;
    };

/** Options of {@link checkQuality}. */
export interface CheckQualityOptions {
  /** Where the question comes from (s1's `source_type`): the AIME exception reads it. */
  source?: string | undefined;
  /** The rules, run in order; the first that fires drops the question. @default s1QualityRules */
  rules?: readonly QualityRule[] | undefined;
  /**
   * Keep every question containing `[asy]` whose source contains `AIME`, whatever the rules say
   * (the notebook's else-branch). Default true.
   */
  aimeAsyException?: boolean | undefined;
}

const optionsSchema = z.strictObject({
  source: z.string().optional(),
  rules: z.array(z.custom<QualityRule>()).readonly().optional(),
  aimeAsyException: z.boolean().optional(),
});

/**
 * Runs the rules in order on a question; the first rule that fires drops it.
 *
 * @example
 * checkQuality('Draw it. [asy]draw((0,0)--(1,1));[/asy]', { source: 'qq8933/AIME_1983_2024' });
 * // { keep: true }: the AIME exception
 * checkQuality('See p12. of the book.', { source: 'numina' }); // { keep: false, rule: 'p-number' }
 */
export function checkQuality(question: string, options: CheckQualityOptions = {}): QualityDecision {
  validate(optionsSchema, options, 'checkQuality options');
  const { source, rules = s1QualityRules, aimeAsyException = true } = options;
  if (aimeAsyException && question.includes('[asy]') && source?.includes('AIME') === true) {
    return { keep: true };
  }
  const record = { source };
  const failed = rules.find((rule) => rule.test(question, record));
  return failed === undefined ? { keep: true } : { keep: false, rule: failed.name };
}
