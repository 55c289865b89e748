import { describe, expect, it } from 'vitest';
import { benchmarkDomainWeights } from './benchmark-domain-weights';

describe('benchmarkDomainWeights', () => {
  it('should scale GPQA counts by 0.5·|AIME|/|GPQA|, floor, add AIME and drop zeros', () => {
    // ratio = 0.5 · 4 / 8 = 0.25: Quantum 6 → 1, Chemistry 2 → 0 (dropped); AIME adds 3 + 1.
    const weights = benchmarkDomainWeights({
      gpqa: [...Array(6).fill('Quantum theory'), 'Chemistry', 'Chemistry'],
      aime: ['Geometry', 'Geometry', 'Geometry', 'Quantum theory'],
    });
    expect(weights).toEqual({ 'Quantum theory': 0.4, Geometry: 0.6 });
  });

  it('should use AIME alone when there is no GPQA question', () => {
    expect(benchmarkDomainWeights({ gpqa: [], aime: ['Geometry', 'Number theory'] })).toEqual({
      Geometry: 0.5,
      'Number theory': 0.5,
    });
  });

  it('should be empty with no benchmark question', () => {
    expect(benchmarkDomainWeights({ gpqa: ['Geometry'], aime: [] })).toEqual({});
  });
});
