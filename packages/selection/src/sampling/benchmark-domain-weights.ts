/**
 * s1's benchmark domain distribution W (`data/filter.ipynb` in github.com/simplescaling/s1),
 * from the domain of each GPQA and
 * each AIME question in the pool: GPQA counts are scaled by `0.5·|AIME|/|GPQA|` and floored, AIME
 * counts are added, domains left at 0 are dropped, and the result is normalised to sum to 1.
 *
 * @example
 * benchmarkDomainWeights({
 *   gpqa: ['Quantum theory', 'Quantum theory', 'Quantum theory', 'Quantum theory'],
 *   aime: ['Geometry', 'Number theory'],
 * });
 * // ratio 0.25: { 'Quantum theory': 1/3, Geometry: 1/3, 'Number theory': 1/3 }
 */
export function benchmarkDomainWeights({
  gpqa,
  aime,
}: {
  gpqa: readonly string[];
  aime: readonly string[];
}): Record<string, number> {
  // Same operation order as s1's Python, so the floors agree to the last bit.
  const ratio = (0.5 * aime.length) / gpqa.length;
  const counts = new Map<string, number>();
  for (const [domain, count] of countOf(gpqa)) counts.set(domain, Math.floor(count * ratio));
  for (const [domain, count] of countOf(aime))
    counts.set(domain, (counts.get(domain) ?? 0) + count);
  const kept = [...counts].filter(([, count]) => count > 0);
  const total = kept.reduce((sum, [, count]) => sum + count, 0);
  return Object.fromEntries(kept.map(([domain, count]) => [domain, count / total]));
}

function countOf(domains: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const domain of domains) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  return counts;
}
