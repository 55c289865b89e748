import { InvalidArgumentError } from '@s1/errors';

/**
 * One tokenized training example, unpadded (a `TokenizedExample` is one). `labels` are aligned with `inputIds` (not shifted):
 * as in Hugging Face models, the model shifts them, so `labels[i]` is predicted from positions
 * before `i`.
 */
export interface LabelledSequence {
  /** The token ids. */
  inputIds: readonly number[];
  /** One label per id: the id itself where the loss counts, -100 where it does not. */
  labels: readonly number[];
  /** One entry per id: 1 for a token, 0 for padding. */
  attentionMask: readonly number[];
}

/**
 * Throws an `InvalidArgumentError` naming every example whose three arrays differ in length.
 *
 * @example
 * assertAlignedExamples([{ inputIds: [1, 2], labels: [1], attentionMask: [1, 1] }], 'examples');
 * // throws: Invalid examples: - [0].labels: has 1 entries, inputIds has 2
 */
export function assertAlignedExamples(
  examples: readonly LabelledSequence[],
  argument: string,
): void {
  const issues: { path: string; message: string }[] = [];
  examples.forEach(({ inputIds, labels, attentionMask }, index) => {
    for (const [name, values] of [
      ['labels', labels],
      ['attentionMask', attentionMask],
    ] as const) {
      if (values.length !== inputIds.length) {
        issues.push({
          path: `[${index}].${name}`,
          message: `has ${values.length} entries, inputIds has ${inputIds.length}`,
        });
      }
    }
  });
  if (issues.length > 0) throw new InvalidArgumentError({ argument, issues });
}
