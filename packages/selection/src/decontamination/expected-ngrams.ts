/**
 * About how many word n-grams `texts` hold, to size an index up front. Words are counted as
 * runs of characters above U+0020: the rarer whitespace that `normalizeText` also splits on
 * (U+00A0, U+2028, …) makes this count low, and an index sized by it then grows as usual.
 *
 * @example
 * expectedNgrams(['a b c d', 'e f'], 3); // 2
 */
export function expectedNgrams(texts: Iterable<string>, n: number): number {
  let total = 0;
  for (const text of texts) {
    let words = 0;
    let inWord = false;
    for (let index = 0; index < text.length; index++) {
      const isSpace = text.charCodeAt(index) <= 0x20;
      if (!isSpace && !inWord) words++;
      inWord = !isSpace;
    }
    total += Math.max(0, words - n + 1);
  }
  return total;
}
