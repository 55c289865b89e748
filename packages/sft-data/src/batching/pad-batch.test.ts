import { InvalidArgumentError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelledSequence } from './labelled-sequence';
import { padBatch } from './pad-batch';

const PAD = 151662;

const example = fc
  .array(fc.record({ id: fc.nat(151664), masked: fc.boolean(), attended: fc.boolean() }), {
    maxLength: 40,
  })
  .map(
    (tokens): LabelledSequence => ({
      inputIds: tokens.map((token) => token.id),
      labels: tokens.map((token) => (token.masked ? -100 : token.id)),
      attentionMask: tokens.map((token) => (token.attended ? 1 : 0)),
    }),
  );

const row = (values: Int32Array, index: number, length: number) =>
  Array.from(values.subarray(index * length, (index + 1) * length));

describe('padBatch', () => {
  it('should right-pad two examples to the longest', () => {
    const batch = padBatch(
      [
        { inputIds: [5, 6, 7], labels: [-100, 6, 7], attentionMask: [1, 1, 1] },
        { inputIds: [8], labels: [8], attentionMask: [1] },
      ],
      { padTokenId: 0 },
    );
    expect(batch.batchSize).toBe(2);
    expect(batch.sequenceLength).toBe(3);
    expect(Array.from(batch.inputIds)).toEqual([5, 6, 7, 8, 0, 0]);
    expect(Array.from(batch.labels)).toEqual([-100, 6, 7, 8, -100, -100]);
    expect(Array.from(batch.attentionMask)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('should round the length up to padToMultipleOf', () => {
    const batch = padBatch(
      [{ inputIds: [1, 2, 3, 4, 5], labels: [1, 2, 3, 4, 5], attentionMask: [1, 1, 1, 1, 1] }],
      {
        padTokenId: 9,
        padToMultipleOf: 4,
      },
    );
    expect(batch.sequenceLength).toBe(8);
    expect(Array.from(batch.inputIds)).toEqual([1, 2, 3, 4, 5, 9, 9, 9]);
  });

  it('should drop tokens past maxLength, then round up, as tokenizer.pad does', () => {
    const long = {
      inputIds: [1, 2, 3, 4, 5, 6],
      labels: [1, 2, 3, 4, 5, 6],
      attentionMask: [1, 1, 1, 1, 1, 1],
    };
    const batch = padBatch([long], { padTokenId: 0, maxLength: 5, padToMultipleOf: 4 });
    expect(batch.sequenceLength).toBe(8);
    expect(Array.from(batch.inputIds)).toEqual([1, 2, 3, 4, 5, 0, 0, 0]);
    expect(Array.from(batch.labels)).toEqual([1, 2, 3, 4, 5, -100, -100, -100]);
  });

  it('should keep a label equal to the pad id inside an example', () => {
    const batch = padBatch([{ inputIds: [0, 4], labels: [0, 4], attentionMask: [1, 1] }], {
      padTokenId: 0,
    });
    expect(Array.from(batch.labels)).toEqual([0, 4]);
  });

  it('should give an empty batch for no examples', () => {
    const batch = padBatch([], { padTokenId: 0 });
    expect(batch).toMatchObject({ batchSize: 0, sequenceLength: 0 });
    expect(batch.inputIds).toHaveLength(0);
  });

  it('should name the example whose labels do not match its inputIds', () => {
    const call = () =>
      padBatch(
        [
          { inputIds: [1], labels: [1], attentionMask: [1] },
          { inputIds: [1, 2], labels: [1], attentionMask: [1, 1] },
        ],
        { padTokenId: 0 },
      );
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow('[1].labels: has 1 entries, inputIds has 2');
  });

  it('should reject a padToMultipleOf of 0', () => {
    expect(() => padBatch([], { padTokenId: 0, padToMultipleOf: 0 })).toThrow(InvalidArgumentError);
  });

  it('should keep every token, label and attention value, and pad only after them', () => {
    fc.assert(
      fc.property(
        fc.array(example, { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
        (examples, padToMultipleOf) => {
          const batch = padBatch(examples, { padTokenId: PAD, padToMultipleOf });
          const longest = Math.max(...examples.map((e) => e.inputIds.length));
          const length = batch.sequenceLength;
          expect(length).toBeGreaterThanOrEqual(longest);
          expect(length % (padToMultipleOf ?? 1)).toBe(0);
          expect(length - longest).toBeLessThan(padToMultipleOf ?? 1);
          examples.forEach((original, index) => {
            const padding = length - original.inputIds.length;
            expect(row(batch.inputIds, index, length)).toEqual([
              ...original.inputIds,
              ...Array(padding).fill(PAD),
            ]);
            expect(row(batch.labels, index, length)).toEqual([
              ...original.labels,
              ...Array(padding).fill(-100),
            ]);
            expect(row(batch.attentionMask, index, length)).toEqual([
              ...original.attentionMask,
              ...Array(padding).fill(0),
            ]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
