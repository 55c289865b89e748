import { type MscDomain, msc2020Domains } from './msc-2020';

/**
 * The classifier's instruction. Our own wording of s1's rule (the domain classification of
 * `data/featurization.py` in github.com/simplescaling/s1): pick the most
 * relevant subject, explain, and end on a new line with its two-digit code.
 */
export const domainClassifierSystemPrompt =
  'You sort questions into subjects using the classification rubrics you are given. Read the ' +
  'question and the rubrics, and choose the one subject the question belongs to; when it ' +
  'touches several, choose the subject it is mostly about. Give your reasoning first, then end ' +
  'your response on a new line with only the two-digit code of that subject.';

/**
 * One rubric entry in s1's layout: `### {title}\n* Code: {code}\n* Description: {description}`.
 *
 * @example
 * rubricEntry({ code: '05', title: 'Combinatorics', description: 'counting; graphs' });
 * // '### Combinatorics\n* Code: 05\n* Description: counting; graphs'
 */
export function rubricEntry(domain: MscDomain): string {
  return `### ${domain.title}\n* Code: ${domain.code}\n* Description: ${domain.description}`;
}

/**
 * The user turn: the question, then every rubric entry separated by a blank line.
 *
 * @example
 * domainClassifierUserPrompt('How many primes are below 100?');
 * // '## Question\nHow many primes are below 100?\n\n## Classification rubrics\n### Mathematical logic…'
 */
export function domainClassifierUserPrompt(
  question: string,
  domains: readonly MscDomain[] = msc2020Domains,
): string {
  const rubrics = domains.map(rubricEntry).join('\n\n');
  return `## Question\n${question}\n\n## Classification rubrics\n${rubrics}`;
}
