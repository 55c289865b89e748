import { hashSlice, joinHashes, mix32 } from './hash32';
import { normalizeText } from './normalize-text';

/** The word n-grams of a normalised text, as hash keys and character spans into it. */
export interface NgramWindows {
  normalized: string;
  keys: number[];
  starts: number[];
  ends: number[];
}

/**
 * Hashes each word once and each window from its word hashes, so a text costs O(words × n)
 * with no n-gram strings built. Equal n-grams get equal keys; rare unequal ones may share one.
 */
export function ngramWindows(text: string, n: number): NgramWindows {
  const normalized = normalizeText(text);
  const wordStarts: number[] = [];
  const wordEnds: number[] = [];
  const wordHashesHigh: number[] = [];
  const wordHashesLow: number[] = [];
  let start = 0;
  while (start < normalized.length) {
    const space = normalized.indexOf(' ', start);
    const end = space === -1 ? normalized.length : space;
    wordStarts.push(start);
    wordEnds.push(end);
    wordHashesHigh.push(hashSlice(normalized, start, end, 0x3c6ef372));
    wordHashesLow.push(hashSlice(normalized, start, end, 0x5be0cd19));
    start = end + 1;
  }
  const windows: NgramWindows = { normalized, keys: [], starts: [], ends: [] };
  for (let first = 0; first + n <= wordStarts.length; first++) {
    let high = 0x6a09e667;
    let low = 0xbb67ae85;
    for (let word = first; word < first + n; word++) {
      high = Math.imul(((high << 5) | (high >>> 27)) ^ (wordHashesHigh[word] ?? 0), 0x9e3779b1);
      low = Math.imul(((low << 7) | (low >>> 25)) ^ (wordHashesLow[word] ?? 0), 0x85ebca77);
    }
    windows.keys.push(joinHashes(mix32(high), mix32(low)));
    windows.starts.push(wordStarts[first] ?? 0);
    windows.ends.push(wordEnds[first + n - 1] ?? 0);
  }
  return windows;
}
