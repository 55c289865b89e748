/**
 * GPT-2's byte-level alphabet (`bytes_to_unicode`), which Qwen2 uses: every byte is written as one
 * printable character. `symbols` lists them in vocabulary order (the printable bytes first, then
 * the others, shifted past U+00FF), as the first 256 ids of Qwen2's vocabulary are; `ofByte[b]`
 * is the character of byte `b`.
 */
export function byteLevelAlphabet(): { symbols: string[]; ofByte: string[] } {
  const printable = (from: string, to: string) =>
    Array.from(
      { length: (to.codePointAt(0) as number) - (from.codePointAt(0) as number) + 1 },
      (_, index) => (from.codePointAt(0) as number) + index,
    );
  const bytes = [...printable('!', '~'), ...printable('¡', '¬'), ...printable('®', 'ÿ')];
  const codePoints = [...bytes];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    if (bytes.includes(byte)) continue;
    bytes.push(byte);
    codePoints.push(256 + shifted++);
  }
  const symbols = codePoints.map((codePoint) => String.fromCodePoint(codePoint));
  const ofByte: string[] = [];
  bytes.forEach((byte, index) => {
    ofByte[byte] = symbols[index] as string;
  });
  return { symbols, ofByte };
}
