import { validate } from '@s1/errors';
import { z } from 'zod';
import { createNgramKeyTable } from './ngram-key-table';
import { type NgramWindows, ngramWindows } from './ngram-windows';

/** Where an n-gram of a queried text was first seen. */
export interface NgramMatch<Source> {
  /** The normalised n-gram. */
  ngram: string;
  /** The source of the first added text that has it. */
  source: Source;
}

/** The word n-grams of many texts, each remembered with the first source that had it. */
export interface NgramIndex<Source> {
  /** Adds a text's n-grams; each n-gram keeps the first source that had it. */
  add(text: string, source: Source): void;
  /** The first n-gram of `text`, in text order, that an added text also has. */
  firstMatch(text: string): NgramMatch<Source> | undefined;
}

/** Options of {@link createNgramIndex}. */
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

/** The index as `decontaminate` uses it: each question is hashed once, not twice. */
export interface CumulativeNgramIndex<Source> extends NgramIndex<Source> {
  /** How many texts were added so far (texts under `n` words are not): a mark for `addedBefore`. */
  readonly textCount: number;
  /**
   * `firstMatch` among the texts added before the `addedBefore` mark; when none matches, `add`.
   * The same as calling both, with the text normalised and hashed once and each n-gram's slot
   * probed again while it is still in the cache.
   */
  firstMatchElseAdd(
    text: string,
    source: Source,
    addedBefore: number,
  ): NgramMatch<Source> | undefined;
}

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
  return createCumulativeNgramIndex(entries, options);
}

/**
 * `createNgramIndex`, with the single-pass operation `decontaminate` needs, and sized for
 * `expectedNgrams` n-grams (`expectedNgrams()`) when the texts to come are known.
 */
export function createCumulativeNgramIndex<Source>(
  entries: Iterable<{ text: string; source: Source }> = [],
  options: NgramIndexOptions = {},
  expectedNgrams = 0,
): CumulativeNgramIndex<Source> {
  const { n = 8, ignoredNgrams = new Set<string>() } = validate(
    optionsSchema,
    options,
    'n-gram index options',
  );
  const texts: string[] = [];
  const sources: Source[] = [];
  // key → where the n-gram first occurred: a text of `texts` and a character offset in it.
  const firstByKey = createNgramKeyTable(expectedNgrams);
  // N-grams whose key is taken by a different n-gram: rare, so kept as plain strings, with the
  // first text that had them.
  const collided = new Map<string, number>();

  const storedNgramIs = (entry: number, ngram: string): boolean => {
    const stored = texts[firstByKey.textOf(entry)] ?? '';
    const start = firstByKey.startOf(entry);
    const end = start + ngram.length;
    return stored.startsWith(ngram, start) && (end === stored.length || stored[end] === ' ');
  };

  const addWindows = (windows: NgramWindows, source: Source): void => {
    if (windows.keys.length === 0) return;
    const textIndex = texts.length;
    texts.push(windows.normalized);
    sources.push(source);
    windows.keys.forEach((key, window) => {
      const start = windows.starts[window] ?? 0;
      const first = firstByKey.insertIfAbsent(key, textIndex, start);
      if (first === -1) return;
      const ngram = windows.normalized.slice(start, windows.ends[window]);
      if (!storedNgramIs(first, ngram) && !collided.has(ngram)) collided.set(ngram, textIndex);
    });
  };

  // Texts numbered `addedBefore` or later are not searched.
  const matchWindows = (
    windows: NgramWindows,
    addedBefore: number,
  ): NgramMatch<Source> | undefined => {
    for (const [window, key] of windows.keys.entries()) {
      const first = firstByKey.find(key);
      if (first === -1) continue;
      const ngram = windows.normalized.slice(windows.starts[window], windows.ends[window]);
      if (ignoredNgrams.has(ngram)) continue;
      // The first text with an n-gram is before the mark whenever any text with it is.
      const textIndex = storedNgramIs(first, ngram)
        ? firstByKey.textOf(first)
        : collided.get(ngram);
      if (textIndex !== undefined && textIndex < addedBefore) {
        return { ngram, source: sources[textIndex] as Source };
      }
    }
    return undefined;
  };

  const index: CumulativeNgramIndex<Source> = {
    add: (text, source) => addWindows(ngramWindows(text, n), source),
    firstMatch: (text) => matchWindows(ngramWindows(text, n), texts.length),
    get textCount() {
      return texts.length;
    },
    firstMatchElseAdd(text, source, addedBefore) {
      const windows = ngramWindows(text, n);
      const match = matchWindows(windows, addedBefore);
      if (match === undefined) addWindows(windows, source);
      return match;
    },
  };
  for (const { text, source } of entries) index.add(text, source);
  return index;
}
