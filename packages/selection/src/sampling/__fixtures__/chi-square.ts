/** Pearson's chi-square statistic of observed counts against expected probabilities. */
export function chiSquare(observed: readonly number[], probabilities: readonly number[]): number {
  const total = observed.reduce((sum, count) => sum + count, 0);
  return observed.reduce((statistic, count, index) => {
    const expected = total * (probabilities[index] ?? 0);
    return statistic + (count - expected) ** 2 / expected;
  }, 0);
}

/**
 * Chi-square values with upper-tail probability 0.001, by degrees of freedom (standard tables):
 * a statistic below it means p > 0.001.
 */
export const chiSquareCritical001: Readonly<Record<number, number>> = {
  1: 10.828,
  3: 16.266,
  4: 18.467,
  6: 22.458,
};

/** Probabilities of ranks 0..size-1 under 2^(−rank), with ranks from `lumpFrom` on summed. */
export function rankProbabilities(size: number, lumpFrom: number): number[] {
  const weights = Array.from({ length: size }, (_, rank) => 2 ** -rank);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const head = weights.slice(0, lumpFrom).map((weight) => weight / total);
  const tail = weights.slice(lumpFrom).reduce((sum, weight) => sum + weight, 0) / total;
  return [...head, tail];
}

/** Counts of ranks, with ranks from `lumpFrom` on in the last bin. */
export function rankCounts(ranks: readonly number[], lumpFrom: number): number[] {
  const counts = new Array<number>(lumpFrom + 1).fill(0);
  for (const rank of ranks) {
    const bin = Math.min(rank, lumpFrom);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

/** A synthetic pool: `sizes[d]` items in domain `d<index>`, lengths distinct within a domain. */
export function syntheticPool(sizes: readonly number[]) {
  return sizes.flatMap((size, domainIndex) =>
    Array.from({ length: size }, (_, index) => ({
      id: `d${domainIndex}-${String(index).padStart(3, '0')}`,
      domain: `d${domainIndex}`,
      length: 1000 - index * 10,
    })),
  );
}

export type SyntheticItem = ReturnType<typeof syntheticPool>[number];
