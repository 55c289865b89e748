import { InvalidArgumentError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lengthGroupedBatches } from './length-grouped-batches';

const isDescending = (values: readonly number[]) =>
  values.every((value, index) => index === 0 || (values[index - 1] as number) >= value);

const scenario = fc.record({
  lengths: fc.array(fc.nat(5000), { maxLength: 300 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer(),
  megabatchMultiplier: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});

describe('lengthGroupedBatches', () => {
  it('should sort one megabatch by length, longest first, in batches', () => {
    const lengths = [5, 90, 12, 60, 7, 33];
    const batches = lengthGroupedBatches(lengths, {
      batchSize: 2,
      seed: 0,
      megabatchMultiplier: 3,
    });
    expect(batches).toEqual([
      [1, 3],
      [5, 2],
      [4, 0],
    ]);
  });

  it('should move the batch with the longest example to the front', () => {
    const lengths = [10, 20, 30, 40, 50, 60, 70, 1000];
    for (let seed = 0; seed < 20; seed++) {
      const batches = lengthGroupedBatches(lengths, { batchSize: 2, seed, megabatchMultiplier: 1 });
      expect(batches[0]?.[0]).toBe(7);
    }
  });

  it('should give the same batches for the same seed and others for another seed', () => {
    const lengths = Array.from({ length: 64 }, (_, i) => (i * 37) % 101);
    const options = { batchSize: 4, megabatchMultiplier: 2 };
    expect(lengthGroupedBatches(lengths, { ...options, seed: 1 })).toEqual(
      lengthGroupedBatches(lengths, { ...options, seed: 1 }),
    );
    expect(lengthGroupedBatches(lengths, { ...options, seed: 1 })).not.toEqual(
      lengthGroupedBatches(lengths, { ...options, seed: 2 }),
    );
  });

  it('should default the multiplier to transformers: min(n / (4 * batchSize), 50)', () => {
    // 40 examples, batch 2: multiplier 5, so megabatches of 10 (a sorted run of 5 batches).
    const lengths = Array.from({ length: 40 }, (_, i) => i);
    const defaults = lengthGroupedBatches(lengths, { batchSize: 2, seed: 3 });
    expect(defaults).toEqual(
      lengthGroupedBatches(lengths, { batchSize: 2, seed: 3, megabatchMultiplier: 5 }),
    );
  });

  it('should return no batches for no examples', () => {
    expect(lengthGroupedBatches([], { batchSize: 4, seed: 0 })).toEqual([]);
  });

  it('should reject a batch size of 0 and negative lengths', () => {
    expect(() => lengthGroupedBatches([1], { batchSize: 0, seed: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => lengthGroupedBatches([-1], { batchSize: 1, seed: 0 })).toThrow(
      InvalidArgumentError,
    );
  });

  it('should use every index exactly once, in batches of batchSize but one', () => {
    fc.assert(
      fc.property(scenario, ({ lengths, ...options }) => {
        const batches = lengthGroupedBatches(lengths, options);
        const indices = batches.flat().sort((a, b) => a - b);
        expect(indices).toEqual(lengths.map((_, i) => i));
        const short = batches.filter((batch) => batch.length !== options.batchSize);
        expect(short.length).toBeLessThanOrEqual(1);
        for (const batch of short) expect(batch.length).toBeLessThan(options.batchSize);
      }),
      { numRuns: 300 },
    );
  });

  it('should sort each megabatch and lead with the longest example', () => {
    fc.assert(
      fc.property(scenario, ({ lengths, ...options }) => {
        const batches = lengthGroupedBatches(lengths, options);
        const lengthsOf = (batch: readonly number[]) => batch.map((i) => lengths[i] as number);
        if (batches.length === 0) return;
        expect(lengthsOf(batches[0] as number[])[0]).toBe(Math.max(...lengths));
        for (const batch of batches) expect(isDescending(lengthsOf(batch))).toBe(true);

        // Put the moved batch back at some megabatch start: every megabatch is then sorted.
        const multiplier =
          options.megabatchMultiplier ??
          Math.max(1, Math.min(Math.floor(lengths.length / (options.batchSize * 4)), 50));
        const [moved, ...rest] = batches as [number[], ...number[][]];
        const restored = Array.from(
          { length: Math.floor(rest.length / multiplier) + 1 },
          (_, m) => [...rest.slice(0, m * multiplier), moved, ...rest.slice(m * multiplier)],
        );
        const megabatchesSorted = (order: number[][]) =>
          Array.from({ length: Math.ceil(order.length / multiplier) }, (_, m) =>
            lengthsOf(order.slice(m * multiplier, (m + 1) * multiplier).flat()),
          ).every(isDescending);
        expect(restored.some(megabatchesSorted)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
