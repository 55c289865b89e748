import type { TokenizerFiles } from '@s1/model-io';

/**
 * Tokenizer files with `size` plain tokens, enough for `createTinyQwen2` to size a model with a
 * small vocabulary (fast numerical checks); not a tokenizer to encode text with.
 */
export function smallVocabulary(size: number): TokenizerFiles {
  return {
    tokenizerJson: {
      model: { vocab: Object.fromEntries(Array.from({ length: size }, (_, id) => [`t${id}`, id])) },
      added_tokens: [],
    },
    tokenizerConfig: {},
  };
}
