import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalSetChecksums } from '../../../../tooling/eval-sets';

// The tests that load, grade and decontaminate against MATH-500 and AIME 2024 read the
// repository's copies; an edited copy would let them pass against other data.
describe('the repository copies of the public evaluation sets', () => {
  it.each(Object.entries(evalSetChecksums))('should be %s as published', (path, sha256) => {
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(sha256);
  });
});
