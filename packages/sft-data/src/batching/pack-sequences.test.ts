import { InvalidArgumentError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockDiagonalMask } from './block-diagonal-mask';
import type { LabelledSequence } from './labelled-sequence';
import { packSequences } from './pack-sequences';

const PAD = 151662;

const tokens = (...ids: number[]): LabelledSequence => ({
  inputIds: ids,
  labels: ids,
  attentionMask: ids.map(() => 1),
});

const example = (maxLength: number) =>
  fc
    .array(fc.record({ id: fc.nat(151664), masked: fc.boolean() }), { minLength: 1, maxLength })
    .map(
      (drawn): LabelledSequence => ({
        inputIds: drawn.map((token) => token.id),
        labels: drawn.map((token) => (token.masked ? -100 : token.id)),
        attentionMask: drawn.map(() => 1),
      }),
    );

const scenario = fc.integer({ min: 1, max: 48 }).chain((blockSize) =>
  fc.record({
    blockSize: fc.constant(blockSize),
    examples: fc.array(example(blockSize), { maxLength: 12 }),
  }),
);

describe('packSequences', () => {
  it('should lay two examples end to end and pad the rest', () => {
    const [block, ...more] = packSequences(
      [
        { inputIds: [1, 2, 3], labels: [-100, 2, 3], attentionMask: [1, 1, 1] },
        { inputIds: [4, 5], labels: [4, 5], attentionMask: [1, 1] },
      ],
      { blockSize: 6, padTokenId: 0 },
    );
    expect(more).toEqual([]);
    expect(Array.from(block?.inputIds ?? [])).toEqual([1, 2, 3, 4, 5, 0]);
    expect(Array.from(block?.labels ?? [])).toEqual([-100, 2, 3, -100, 5, -100]);
    expect(Array.from(block?.positionIds ?? [])).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(block?.attentionMask ?? [])).toEqual([1, 1, 1, 1, 1, 0]);
    expect(block?.sequenceStarts).toEqual([0, 3]);
    expect(block?.exampleIndices).toEqual([0, 1]);
  });

  it('should pack first-fit decreasing', () => {
    // Lengths 2, 5, 4, 3, 1 into blocks of 6: 5+1, 4+2, 3.
    const lengths = [2, 5, 4, 3, 1];
    const examples = lengths.map((length, i) => tokens(...Array(length).fill(i + 1)));
    const blocks = packSequences(examples, { blockSize: 6, padTokenId: 0 });
    expect(blocks.map((block) => block.exampleIndices)).toEqual([[1, 4], [2, 0], [3]]);
    expect(blocks.map((block) => block.sequenceStarts)).toEqual([[0, 5], [0, 4], [0]]);
  });

  it('should fill a block exactly with no padding', () => {
    const [block] = packSequences([tokens(7, 8), tokens(9, 10)], { blockSize: 4, padTokenId: 0 });
    expect(Array.from(block?.inputIds ?? [])).toEqual([7, 8, 9, 10]);
    expect(Array.from(block?.attentionMask ?? [])).toEqual([1, 1, 1, 1]);
  });

  it('should refuse an example longer than blockSize, naming it', () => {
    const call = () => packSequences([tokens(1), tokens(1, 2, 3)], { blockSize: 2, padTokenId: 0 });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow('[1].inputIds: has 3 tokens, more than blockSize 2');
  });

  it('should refuse an empty example', () => {
    expect(() => packSequences([tokens()], { blockSize: 2, padTokenId: 0 })).toThrow(
      '[0].inputIds: is empty',
    );
  });

  it('should return no blocks for no examples', () => {
    expect(packSequences([], { blockSize: 8, padTokenId: 0 })).toEqual([]);
  });

  it('should keep every token of every example in its block, once', () => {
    fc.assert(
      fc.property(scenario, ({ blockSize, examples }) => {
        const blocks = packSequences(examples, { blockSize, padTokenId: PAD });
        const placed = blocks.flatMap((block) => block.exampleIndices).sort((a, b) => a - b);
        expect(placed).toEqual(examples.map((_, i) => i));
        for (const block of blocks) {
          expect(block.inputIds).toHaveLength(blockSize);
          // Sequences sit back to back from 0; `end` is where the padding begins.
          let end = 0;
          block.exampleIndices.forEach((index, k) => {
            const original = examples[index] as LabelledSequence;
            const start = block.sequenceStarts[k] as number;
            expect(start).toBe(end);
            end = start + original.inputIds.length;
            expect(Array.from(block.inputIds.subarray(start, end))).toEqual(original.inputIds);
            expect(Array.from(block.labels.subarray(start + 1, end))).toEqual(
              original.labels.slice(1),
            );
          });
          expect(Array.from(block.inputIds.subarray(end)).every((id) => id === PAD)).toBe(true);
          expect(Array.from(block.labels.subarray(end)).every((label) => label === -100)).toBe(
            true,
          );
          expect(Array.from(block.attentionMask.subarray(end)).every((bit) => bit === 0)).toBe(
            true,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should restart positions at every sequence start and nowhere else', () => {
    fc.assert(
      fc.property(scenario, ({ blockSize, examples }) => {
        for (const block of packSequences(examples, { blockSize, padTokenId: PAD })) {
          const zeros = Array.from(block.positionIds.keys()).filter(
            (p) => block.positionIds[p] === 0,
          );
          expect(zeros).toEqual(block.sequenceStarts);
          block.positionIds.forEach((position, p) => {
            if (position !== 0) expect(position).toBe((block.positionIds[p - 1] as number) + 1);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should never put loss on one sequence predicting the next', () => {
    fc.assert(
      fc.property(scenario, ({ blockSize, examples }) => {
        for (const block of packSequences(examples, { blockSize, padTokenId: PAD })) {
          for (const start of block.sequenceStarts) expect(block.labels[start]).toBe(-100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should give a block mask with no attention across sequences', () => {
    fc.assert(
      fc.property(scenario, ({ blockSize, examples }) => {
        for (const block of packSequences(examples, { blockSize, padTokenId: PAD })) {
          // Row i may see back to its own sequence's start, which positionIds[i] says how far is.
          const expected = new Uint8Array(blockSize * blockSize);
          block.positionIds.forEach((position, row) => {
            expected.fill(1, row * blockSize + row - position, row * blockSize + row + 1);
          });
          expect(blockDiagonalMask(block.sequenceStarts, blockSize)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
