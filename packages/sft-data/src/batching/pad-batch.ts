import { validate } from '@s1/errors';
import { z } from 'zod';
import { ignoreIndex } from '../tokenize/completion-only-labels';
import { assertAlignedExamples, type LabelledSequence } from './labelled-sequence';

const padBatchOptionsSchema = z.strictObject({
  /** The id padding gets. */
  padTokenId: z.int(),
  /** Round the length up to a multiple of this. @default 1 */
  padToMultipleOf: z.int().positive().optional(),
  /** Drop tokens past this length (right truncation). @default no limit */
  maxLength: z.int().positive().optional(),
});

/**
 * Options of {@link padBatch}.
 *
 * @useDeclaredType
 */
export type PadBatchOptions = z.input<typeof padBatchOptionsSchema>;

/** A padded batch: `batchSize` rows of `sequenceLength`, stored row-major. */
export interface PaddedBatch {
  /** The token ids; padding is `padTokenId`. */
  inputIds: Int32Array;
  /** The labels; padding is -100. */
  labels: Int32Array;
  /** The attention masks; padding is 0. */
  attentionMask: Int32Array;
  /** Rows: the number of examples. */
  batchSize: number;
  /** Tokens per row. */
  sequenceLength: number;
}

/**
 * Right-pads a batch to its longest example, as the collators s1 trains with do (the first step of
 * TRL's `DataCollatorForCompletionOnlyLM`, trl v0.12.0): padding gets `padTokenId`, label -100 and
 * attention 0; every original token, label and attention value is kept. Labels are copied as given,
 * never derived from the pad id, so a pad id that occurs in the data is not masked.
 *
 * `maxLength` drops tokens past it (right truncation, as trl v0.12.0 SFTTrainer tokenizes).
 * `padToMultipleOf` then rounds the length up, so it may end above `maxLength`, as in
 * transformers' `tokenizer.pad`.
 *
 * @example
 * const batch = padBatch(
 *   [
 *     { inputIds: [5, 6, 7], labels: [-100, 6, 7], attentionMask: [1, 1, 1] },
 *     { inputIds: [8], labels: [8], attentionMask: [1] },
 *   ],
 *   { padTokenId: 0, padToMultipleOf: 4 },
 * );
 * // batch.sequenceLength === 4
 * // batch.inputIds: [5, 6, 7, 0,  8, 0, 0, 0]
 * // batch.labels:   [-100, 6, 7, -100,  8, -100, -100, -100]
 */
export function padBatch(
  examples: readonly LabelledSequence[],
  options: PadBatchOptions,
): PaddedBatch {
  const {
    padTokenId,
    padToMultipleOf = 1,
    maxLength = Infinity,
  } = validate(padBatchOptionsSchema, options, 'padBatch options');
  assertAlignedExamples(examples, 'padBatch examples');

  const longest = examples.reduce(
    (longestSoFar, example) => Math.max(longestSoFar, Math.min(example.inputIds.length, maxLength)),
    0,
  );
  const sequenceLength = Math.ceil(longest / padToMultipleOf) * padToMultipleOf;
  const batchSize = examples.length;
  const size = batchSize * sequenceLength;
  const inputIds = new Int32Array(size).fill(padTokenId);
  const labels = new Int32Array(size).fill(ignoreIndex);
  const attentionMask = new Int32Array(size);

  examples.forEach((example, row) => {
    const kept = Math.min(example.inputIds.length, maxLength);
    const offset = row * sequenceLength;
    inputIds.set(example.inputIds.slice(0, kept), offset);
    labels.set(example.labels.slice(0, kept), offset);
    attentionMask.set(example.attentionMask.slice(0, kept), offset);
  });
  return { inputIds, labels, attentionMask, batchSize, sequenceLength };
}
