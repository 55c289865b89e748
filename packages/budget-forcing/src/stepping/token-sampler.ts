import type { Sampling } from '../spec/backend-v1';

/**
 * Picks the next token from logits: greedy at temperature 0, otherwise softmax sampling with
 * temperature and nucleus (top-p), from a generator seeded by `sampling.seed` (random when no
 * seed is given). Suppressed ids are never chosen.
 */
export function createTokenSampler(
  sampling: Sampling = {},
): (logits: Float32Array, suppress?: readonly number[]) => number {
  const temperature = sampling.temperature ?? 0;
  const topP = sampling.topP ?? 1;
  const random = sampling.seed === undefined ? Math.random : seededUniform(sampling.seed);
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

// sfc32 seeded from a 32-bit seed: a small, well-distributed generator for reproducible sampling.
function seededUniform(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let warmup = 0; warmup < 12; warmup++) next();
  return next;
}
