import type { RandomSource } from './random-source';

/**
 * An index drawn with probability `weights[i] / sum(weights)`, as `numpy.random.choice(p=…)`
 * does after normalising. Zero weights are never drawn; the caller ensures one is positive.
 *
 * @example
 * weightedIndex([0, 3, 1], createSeededRandom(7).uniform); // 1 three times in four, else 2
 */
export function weightedIndex(weights: readonly number[], random: RandomSource): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let remaining = random() * total;
  let lastPositive = -1;
  for (const [index, weight] of weights.entries()) {
    if (weight <= 0) continue;
    lastPositive = index;
    if (remaining < weight) return index;
    remaining -= weight;
  }
  // Rounding in the running sum can leave a sliver past the last weight.
  return lastPositive;
}
