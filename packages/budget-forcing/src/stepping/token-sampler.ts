import { createSeededRandom, validate } from '@s1/errors';
import { samplingSchema } from '../common/sampling-schema';
import type { Sampling } from '../spec/backend-v1';

/**
 * Picks the next token from logits: greedy at temperature 0, otherwise softmax sampling with
 * temperature and nucleus (top-p), from a generator seeded by `sampling.seed` (random when no
 * seed is given). Suppressed ids are never chosen.
 */
export function createTokenSampler(
  sampling: Sampling = {},
): (logits: Float32Array, suppress?: readonly number[]) => number {
  validate(samplingSchema, sampling, 'sampling');
  const temperature = sampling.temperature ?? 0;
  const topP = sampling.topP ?? 1;
  const random =
    sampling.seed === undefined ? Math.random : createSeededRandom(sampling.seed).uniform;
  return (logits, suppress = []) => {
    const blocked = new Set(suppress);
    if (temperature === 0) {
      let best = -1;
      for (let id = 0; id < logits.length; id++) {
        if (!blocked.has(id) && (best === -1 || (logits[id] as number) > (logits[best] as number)))
          best = id;
      }
      return best;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let id = 0; id < logits.length; id++)
      if (!blocked.has(id)) max = Math.max(max, logits[id] as number);
    const weights = new Float64Array(logits.length);
    let total = 0;
    for (let id = 0; id < logits.length; id++) {
      if (blocked.has(id)) continue;
      const weight = Math.exp(((logits[id] as number) - max) / temperature);
      weights[id] = weight;
      total += weight;
    }
    let candidates: number[];
    if (topP < 1) {
      // The smallest set of most likely tokens whose probability reaches top-p.
      candidates = [];
      for (let id = 0; id < weights.length; id++)
        if ((weights[id] as number) > 0) candidates.push(id);
      candidates.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
      let mass = 0;
      let keep = 0;
      while (keep < candidates.length && mass < topP * total)
        mass += weights[candidates[keep++] as number] as number;
      candidates = candidates.slice(0, Math.max(1, keep));
      total = mass;
    } else {
      candidates = [];
      for (let id = 0; id < weights.length; id++)
        if ((weights[id] as number) > 0) candidates.push(id);
    }
    let threshold = random() * total;
    for (const id of candidates) {
      threshold -= weights[id] as number;
      if (threshold <= 0) return id;
    }
    return candidates[candidates.length - 1] as number;
  };
}
