import { InvalidArgumentError, validate } from '@s1/errors';
import { z } from 'zod';
import { ignoreIndex } from '../tokenize/completion-only-labels';
import { assertAlignedExamples, type LabelledSequence } from './labelled-sequence';

const packOptionsSchema = z.strictObject({
  /** Tokens per block; no example may be longer. */
  blockSize: z.int().positive(),
  /** The id that fills the rest of a block. */
  padTokenId: z.int(),
});

/**
 * Options of {@link packSequences}.
 *
 * @useDeclaredType
 */
export type PackSequencesOptions = z.input<typeof packOptionsSchema>;

/**
 * Several examples laid end to end in one row of `blockSize` tokens, right-padded.
 *
 * - `positionIds` restart at 0 where each example starts (`sequenceStarts`); padding continues
 *   the last example's count, so the zeros of `positionIds` are exactly `sequenceStarts` (the
 *   convention flash-attention's varlen path reads sequences from).
 * - `labels` are unshifted, as in Hugging Face models (the model shifts them), so the label at
 *   a sequence start would be predicted from the previous example's last token: it is -100.
 *   Alone, that label is never predicted either (the shift drops position 0), so each example's
 *   loss is the same packed as alone. s1 examples start with masked prompt tokens anyway.
 * - `attentionMask` is the examples' own mask, and 0 on padding; `blockDiagonalMask` gives the
 *   mask that keeps examples apart.
 */
export interface PackedBlock {
  /** `blockSize` token ids, padding last. */
  inputIds: Int32Array;
  /** The examples' labels, -100 at each sequence start and on padding. */
  labels: Int32Array;
  /** Positions, restarting at 0 at each sequence start. */
  positionIds: Int32Array;
  /** The examples' attention masks, 0 on padding. */
  attentionMask: Int32Array;
  /** Offsets of the examples in the block, increasing, starting at 0. */
  sequenceStarts: number[];
  /** Which input example each packed sequence is, in block order. */
  exampleIndices: number[];
}

/**
 * Packs examples into blocks with greedy first-fit decreasing: longest first (ties keep input
 * order), each into the first block with room, a new block when none has. Every token is kept;
 * an empty example, or one longer than `blockSize`, is an `InvalidArgumentError`. s1 itself
 * trains without packing (trl v0.12.0 `SFTTrainer` defaults, as s1's `train/sft.py` in
 * github.com/simplescaling/s1 uses them); this is for runs that want fewer padding tokens.
 *
 * @example
 * const [block] = packSequences(
 *   [
 *     { inputIds: [1, 2, 3], labels: [-100, 2, 3], attentionMask: [1, 1, 1] },
 *     { inputIds: [4, 5], labels: [4, 5], attentionMask: [1, 1] },
 *   ],
 *   { blockSize: 6, padTokenId: 0 },
 * );
 * // block.inputIds:    [1, 2, 3, 4, 5, 0]
 * // block.labels:      [-100, 2, 3, -100, 5, -100]
 * // block.positionIds: [0, 1, 2, 0, 1, 2]
 * // block.sequenceStarts: [0, 3]
 */
export function packSequences(
  examples: readonly LabelledSequence[],
  options: PackSequencesOptions,
): PackedBlock[] {
  const { blockSize, padTokenId } = validate(packOptionsSchema, options, 'packSequences options');
  assertAlignedExamples(examples, 'packSequences examples');
  assertPackable(examples, blockSize);

  const lengthOf = (index: number) => (examples[index] as LabelledSequence).inputIds.length;
  const byLengthDescending = examples
    .map((_, index) => index)
    .sort((a, b) => lengthOf(b) - lengthOf(a));
  const bins: { used: number; exampleIndices: number[] }[] = [];
  for (const index of byLengthDescending) {
    let bin = bins.find(({ used }) => used + lengthOf(index) <= blockSize);
    if (bin === undefined) {
      bin = { used: 0, exampleIndices: [] };
      bins.push(bin);
    }
    bin.used += lengthOf(index);
    bin.exampleIndices.push(index);
  }
  return bins.map(({ exampleIndices }) =>
    fillBlock(examples, exampleIndices, blockSize, padTokenId),
  );
}

function assertPackable(examples: readonly LabelledSequence[], blockSize: number): void {
  const issues: { path: string; message: string }[] = [];
  examples.forEach(({ inputIds }, index) => {
    const path = `[${index}].inputIds`;
    if (inputIds.length > blockSize) {
      issues.push({
        path,
        message: `has ${inputIds.length} tokens, more than blockSize ${blockSize}; truncate it or raise blockSize`,
      });
    } else if (inputIds.length === 0) {
      // An empty sequence has no start position of its own to mark in the block.
      issues.push({ path, message: 'is empty; drop empty examples before packing' });
    }
  });
  if (issues.length > 0)
    throw new InvalidArgumentError({ argument: 'packSequences examples', issues });
}

function fillBlock(
  examples: readonly LabelledSequence[],
  exampleIndices: number[],
  blockSize: number,
  padTokenId: number,
): PackedBlock {
  const inputIds = new Int32Array(blockSize).fill(padTokenId);
  const labels = new Int32Array(blockSize).fill(ignoreIndex);
  const positionIds = new Int32Array(blockSize);
  const attentionMask = new Int32Array(blockSize);
  const sequenceStarts: number[] = [];

  let start = 0;
  for (const index of exampleIndices) {
    const example = examples[index] as LabelledSequence;
    sequenceStarts.push(start);
    inputIds.set(example.inputIds, start);
    labels.set(example.labels, start);
    labels[start] = ignoreIndex;
    attentionMask.set(example.attentionMask, start);
    for (let offset = 0; offset < example.inputIds.length; offset++) {
      positionIds[start + offset] = offset;
    }
    start += example.inputIds.length;
  }
  const lastStart = sequenceStarts.at(-1) ?? 0;
  for (let position = start; position < blockSize; position++) {
    positionIds[position] = position - lastStart;
  }
  return { inputIds, labels, positionIds, attentionMask, sequenceStarts, exampleIndices };
}
