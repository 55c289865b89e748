import type { DecodeStream } from './tokenizer';

/**
 * Incremental decoding over any `decode` function: decode a short window of recent ids with and
 * without the newest ones and emit the difference, holding it back while it ends in an
 * incomplete character (U+FFFD). Decoding a window rather than one id keeps decoders that look
 * at neighbours (SentencePiece's leading space) exact.
 */
export function createWindowedDecodeStream(
  decode: (ids: readonly number[]) => string,
): DecodeStream {
  let ids: number[] = [];
  let prefixOffset = 0;
  let readOffset = 0;

  const emit = (force: boolean): string => {
    if (readOffset === ids.length) return '';
    const prefixText = decode(ids.slice(prefixOffset, readOffset));
    const newText = decode(ids.slice(prefixOffset));
    if (!force && (newText.length <= prefixText.length || newText.endsWith('\uFFFD'))) return '';
    const delta = newText.slice(prefixText.length);
    // Keep only the ids still needed as context for the next window.
    ids = ids.slice(readOffset);
    prefixOffset = 0;
    readOffset = ids.length;
    return delta;
  };

  return {
    push(input) {
      if (typeof input === 'number') ids.push(input);
      else for (const id of input) ids.push(id);
      return emit(false);
    },
    flush: () => emit(true),
  };
}
