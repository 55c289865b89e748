import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonRandom } from './python-random';

// Written by CPython 3.11 running __fixtures__/python-shuffles.py.
const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/python-shuffles.json', import.meta.url), 'utf8'),
) as {
  getrandbits32: { seed: number; values: number[] }[];
  shuffles: { seed: number; lengths: number[]; results: number[][] }[];
};

describe('createPythonRandom', () => {
  it.each(reference.getrandbits32)('should give getrandbits(32) of Random($seed)', (stream) => {
    const random = createPythonRandom(stream.seed);
    expect(stream.values.map(() => random.getrandbits(32))).toEqual(stream.values);
  });

  it.each(reference.shuffles)(
    'should shuffle several lists in a row as Random($seed).shuffle',
    ({ seed, lengths, results }) => {
      const random = createPythonRandom(seed);
      const shuffles = lengths.map((length) =>
        random.shuffled(Array.from({ length }, (_, index) => index)),
      );
      expect(shuffles).toEqual(results);
    },
  );

  it('should leave the input list as it was', () => {
    const items = [1, 2, 3, 4];
    createPythonRandom(0).shuffled(items);
    expect(items).toEqual([1, 2, 3, 4]);
  });

  it('should take the top bits of one word for fewer than 32 bits', () => {
    const [first] = reference.getrandbits32[0]?.values ?? [];
    expect(createPythonRandom(0).getrandbits(5)).toBe((first as number) >>> 27);
    expect(createPythonRandom(0).getrandbits(0)).toBe(0);
  });
});
