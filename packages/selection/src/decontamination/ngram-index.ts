import { validate } from '@s1/errors';
import { z } from 'zod';
import { ngramWindows } from './ngram-windows';

/** Where an n-gram of a queried text was first seen. */
export interface NgramMatch<Source> {
  /** The normalised n-gram. */
  ngram: string;
  source: Source;
}

/** The word n-grams of many texts, each remembered with the first source that had it. */
export interface NgramIndex<Source> {
  add(text: string, source: Source): void;
  /** The first n-gram of `text`, in text order, that an added text also has. */
  firstMatch(text: string): NgramMatch<Source> | undefined;
}

export interface NgramIndexOptions {
  /** Words per n-gram. Default 8, as s1. */
  n?: number;
  /** Normalised n-grams never reported as matches (boilerplate). */
  ignoredNgrams?: ReadonlySet<string>;
}

const optionsSchema = z.strictObject({
  n: z.int().min(1).optional(),
  ignoredNgrams: z.instanceof(Set).optional(),
});

/**
 * An index of hashed word n-grams (s1 decontamination, `data/decontaminate_util.py` in
 * github.com/simplescaling/s1): building costs O(words) per text and `firstMatch` O(words) per
 * query. A hash hit is confirmed against the stored text, so matches are exact; a text with fewer
 * than `n` words neither adds nor matches.
 *
 * @example
 * const index = createNgramIndex([{ text: mathQuestion, source: 'math500' }]);
 * index.firstMatch(`Please solve: ${mathQuestion}`); // { ngram: '…', source: 'math500' }
 */
export function createNgramIndex<Source>(
  entries: Iterable<{ text: string; source: Source }> = [],
  options: NgramIndexOptions = {},
): NgramIndex<Source> {
  const { n = 8, ignoredNgrams = new Set<string>() } = validate(
    optionsSchema,
    options,
    'n-gram index options',
  );
  const texts: string[] = [];
  const sources: Source[] = [];
  // key → where the n-gram first occurred, as an index into the parallel arrays.
  const firstByKey = new Map<number, number>();
  const occurrenceText: number[] = [];
  const occurrenceStart: number[] = [];
  // N-grams whose key is taken by a different n-gram: rare, so kept as plain strings.
  const collided = new Map<string, Source>();

  const storedNgramIs = (occurrence: number, ngram: string): boolean => {
    const stored = texts[occurrenceText[occurrence] ?? 0] ?? '';
    const start = occurrenceStart[occurrence] ?? 0;
    const end = start + ngram.length;
    return stored.startsWith(ngram, start) && (end === stored.length || stored[end] === ' ');
  };

  const add = (text: string, source: Source): void => {
    const windows = ngramWindows(text, n);
    if (windows.keys.length === 0) return;
    const textIndex = texts.length;
    texts.push(windows.normalized);
    sources.push(source);
    windows.keys.forEach((key, window) => {
      const start = windows.starts[window] ?? 0;
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, occurrenceText.length);
        occurrenceText.push(textIndex);
        occurrenceStart.push(start);
        return;
      }
      const ngram = windows.normalized.slice(start, windows.ends[window]);
      if (!storedNgramIs(first, ngram) && !collided.has(ngram)) collided.set(ngram, source);
    });
  };

  const firstMatch = (text: string): NgramMatch<Source> | undefined => {
    const windows = ngramWindows(text, n);
    for (const [window, key] of windows.keys.entries()) {
      const first = firstByKey.get(key);
      if (first === undefined) continue;
      const ngram = windows.normalized.slice(windows.starts[window], windows.ends[window]);
      if (ignoredNgrams.has(ngram)) continue;
      if (storedNgramIs(first, ngram)) {
        return { ngram, source: sources[occurrenceText[first] ?? 0] as Source };
      }
      if (collided.has(ngram)) return { ngram, source: collided.get(ngram) as Source };
    }
    return undefined;
  };

  for (const { text, source } of entries) add(text, source);
  return { add, firstMatch };
}
