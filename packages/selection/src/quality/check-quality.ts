import { validate } from '@s1/errors';
import { z } from 'zod';
import type { QualityRule } from './quality-rule';
import { s1QualityRules } from './s1-quality-rules';

/** Whether a question passes the quality rules, and the first rule that dropped it if not. */
export type QualityDecision = { keep: true } | { keep: false; rule: string };

export interface CheckQualityOptions {
  /**
   * Keep every question containing `[asy]` whose source contains `AIME`, whatever the rules say
   * (the notebook's else-branch). Default true.
   */
  aimeAsyException?: boolean;
}

const optionsSchema = z.strictObject({ aimeAsyException: z.boolean().optional() });

/**
 * Runs `rules` in order on a question; the first rule that fires drops it.
 *
 * @example
 * checkQuality('Draw it. [asy]draw((0,0)--(1,1));[/asy]', 'qq8933/AIME_1983_2024');
 * // { keep: true }: the AIME exception
 * checkQuality('See p12. of the book.', 'numina'); // { keep: false, rule: 'p-number' }
 */
export function checkQuality(
  question: string,
  source: string | undefined,
  rules: readonly QualityRule[] = s1QualityRules,
  options: CheckQualityOptions = {},
): QualityDecision {
  const { aimeAsyException = true } = validate(optionsSchema, options, 'quality options');
  if (aimeAsyException && question.includes('[asy]') && source?.includes('AIME') === true) {
    return { keep: true };
  }
  const record = { source };
  const failed = rules.find((rule) => rule.test(question, record));
  return failed === undefined ? { keep: true } : { keep: false, rule: failed.name };
}
