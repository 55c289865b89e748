import { InvalidArgumentError } from '@s1/errors';

/**
 * The attention mask of a packed block, `length × length` row-major: `mask[i * length + j]` is
 * 1 when position `i` may attend to position `j`, that is `j <= i` (causal) and both lie in the
 * same sequence. A sequence runs from its start to the next start, the last one to `length`.
 * It takes `length²` bytes (1 GiB at 32768): meant for checks and small models.
 *
 * @example
 * blockDiagonalMask([0, 2], 3);
 * // [1, 0, 0,
 * //  1, 1, 0,
 * //  0, 0, 1]
 */
export function blockDiagonalMask(sequenceStarts: readonly number[], length: number): Uint8Array {
  assertValidStarts(sequenceStarts, length);
  const mask = new Uint8Array(length * length);
  sequenceStarts.forEach((start, index) => {
    const end = sequenceStarts[index + 1] ?? length;
    for (let row = start; row < end; row++) {
      mask.fill(1, row * length + start, row * length + row + 1);
    }
  });
  return mask;
}

function assertValidStarts(sequenceStarts: readonly number[], length: number): void {
  const issues: { path: string; message: string }[] = [];
  if (!Number.isInteger(length) || length < 0) {
    issues.push({ path: 'length', message: `must be a non-negative integer, got ${length}` });
  }
  if (length > 0 && sequenceStarts[0] !== 0) {
    issues.push({
      path: 'sequenceStarts[0]',
      message: 'must be 0: every position needs a sequence',
    });
  }
  const increasing = sequenceStarts.every(
    (start, index) =>
      Number.isInteger(start) &&
      start < length &&
      (index === 0 || start > (sequenceStarts[index - 1] as number)),
  );
  if (!increasing) {
    issues.push({
      path: 'sequenceStarts',
      message: `must be increasing integers below ${length}, got [${sequenceStarts.join(', ')}]`,
    });
  }
  if (issues.length > 0) {
    throw new InvalidArgumentError({ argument: 'blockDiagonalMask arguments', issues });
  }
}
