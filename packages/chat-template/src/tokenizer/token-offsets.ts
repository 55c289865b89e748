import { createWindowedDecodeStream } from './decode-stream';

const utf8 = new TextEncoder();

/**
 * Token start offsets for byte-level BPE (GPT-2 / Qwen / Llama 3): every vocabulary token is
 * one character per byte, an added token is its UTF-8 content. Returns undefined when the byte
 * counts do not add up to the decoded text (e.g. clean-up of spaces), so callers fall back.
 */
export function byteLevelTokenOffsets(
  ids: readonly number[],
  decoded: string,
  tokenByteLength: (id: number) => number,
): number[] | undefined {
  const byteStarts: number[] = new Array(ids.length);
  let bytes = 0;
  for (let index = 0; index < ids.length; index++) {
    byteStarts[index] = bytes;
    bytes += tokenByteLength(ids[index] as number);
  }
  if (bytes !== utf8.encode(decoded).length) return undefined;

  const offsets: number[] = new Array(ids.length);
  let tokenIndex = 0;
  let byteOffset = 0;
  let charOffset = 0;
  for (const character of decoded) {
    const width = utf8byteWidth(character.codePointAt(0) as number);
    // Tokens whose first byte lies in this character start where the character starts.
    while (tokenIndex < ids.length && (byteStarts[tokenIndex] as number) < byteOffset + width) {
      offsets[tokenIndex++] = charOffset;
    }
    byteOffset += width;
    charOffset += character.length;
  }
  while (tokenIndex < ids.length) offsets[tokenIndex++] = charOffset;
  return offsets;
}

/**
 * Token start offsets for any tokenizer, through incremental decoding. A token that ends inside
 * a character split across tokens produces no text of its own, so the tokens after it up to the
 * end of that character are placed where the held-back text starts.
 */
export function streamedTokenOffsets(
  ids: readonly number[],
  decode: (ids: readonly number[]) => string,
): number[] {
  const stream = createWindowedDecodeStream(decode);
  const offsets: number[] = new Array(ids.length);
  let length = 0;
  ids.forEach((id, index) => {
    offsets[index] = length;
    length += stream.push(id).length;
  });
  return offsets;
}

function utf8byteWidth(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
