import type { Tokenizer } from '@s1/chat-template';
import { backendTokenizerFrom } from '../common/backend-tokenizer';
import { createSteppingBackend } from './create-stepping-backend';
import { createTokenSampler } from './token-sampler';

/**
 * The minimal stepping backend of the guide (docs/budget-forcing.md, "Writing a backend"), over
 * a stand-in for a runtime's forward pass that favours counting " one two three four five".
 * `ignoreSeed` breaks it as a runtime that draws from an unseeded generator would be broken.
 */
export function minimalSteppingBackend(tokenizer: Tokenizer, { ignoreSeed = false } = {}) {
  const counting = tokenizer.encode(' one two three four five');
  const nextLogits = async (ids: readonly number[]) => {
    const logits = new Float32Array(tokenizer.vocabSize);
    for (const [index, id] of counting.entries()) {
      logits[id] = index === ids.length % counting.length ? 21 : 20;
    }
    return logits;
  };

  // As in the guide, from here on.
  return createSteppingBackend({
    provider: 'my-runtime',
    modelId: 'my-model',
    tokenizer: backendTokenizerFrom(tokenizer),
    open: async ({ promptIds, sampling }) => {
      const ids = [...promptIds];
      const pick = createTokenSampler(ignoreSeed ? { ...sampling, seed: undefined } : sampling);
      return {
        sample: async ({ suppress } = {}) => pick(await nextLogits(ids), suppress),
        append: async (more) => {
          ids.push(...more);
        },
        close: async () => {},
      };
    },
  });
}
