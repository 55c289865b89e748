import { pythonWhitespaceClass } from '@s1/chat-template';

const pythonWhitespaceRun = new RegExp(`[${pythonWhitespaceClass}]+`);

/**
 * The s1 decontamination normalisation: lower case, then words split on whitespace and joined
 * by single spaces (`' '.join(text.lower().strip().split())`).
 *
 * @example
 * normalizeText('  Find   the SUM\n of x. '); // 'find the sum of x.'
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .split(pythonWhitespaceRun)
    .filter((word) => word !== '')
    .join(' ');
}

/**
 * The word n-grams of the normalised text, in order; none when it has fewer than `n` words.
 *
 * @example
 * wordNgrams('A b c d', 3); // ['a b c', 'b c d']
 */
export function wordNgrams(text: string, n: number): string[] {
  const normalized = normalizeText(text);
  const words = normalized === '' ? [] : normalized.split(' ');
  return Array.from({ length: Math.max(0, words.length - n + 1) }, (_, start) =>
    words.slice(start, start + n).join(' '),
  );
}
