/** The label of a position that is not trained on (PyTorch's cross-entropy `ignore_index`). */
export const ignoreIndex = -100;

/** The templates {@link completionOnlyLabels} matches, as token ids, and the pad id. */
export interface CompletionOnlyTemplates {
  /** Ids of the instruction template (`<|im_start|>user` for Qwen). */
  instructionIds: readonly number[];
  /** Ids of the response template (`<|im_start|>assistant\n` for Qwen). */
  responseIds: readonly number[];
  /** Labels of this id become -100 (the collator masks padding by value). */
  padTokenId: number;
}

/** Labels for one sequence, and why all were masked if they were. */
export interface CompletionOnlyLabels {
  /** One label per id: the id, or -100 where no loss is computed. */
  labels: number[];
  /** Why every label was masked, if it was. */
  warning?: string | undefined;
}

/** Every position where `pattern` starts in `sequence`. */
function matchStarts(sequence: readonly number[], pattern: readonly number[]): number[] {
  const starts: number[] = [];
  for (let position = 0; position + pattern.length <= sequence.length; position++) {
    if (pattern.every((id, offset) => sequence[position + offset] === id)) starts.push(position);
  }
  return starts;
}

/**
 * Labels as TRL's `DataCollatorForCompletionOnlyLM` (0.12) sets them with an instruction
 * template, rule for rule (trl v0.12.0; s1's templates are in `train/sft.py` of
 * github.com/simplescaling/s1): labels are the ids with the pad id masked; the
 * templates are matched on those labels; everything before each response is masked, from the
 * start for the first pair and from the instruction for later ones; an instruction without a
 * response masks the rest; no response or no instruction masks everything.
 */
export function completionOnlyLabels(
  inputIds: readonly number[],
  { instructionIds, responseIds, padTokenId }: CompletionOnlyTemplates,
): CompletionOnlyLabels {
  const labels = inputIds.map((id) => (id === padTokenId ? ignoreIndex : id));
  const maskAll = (warning: string): CompletionOnlyLabels => ({
    labels: labels.fill(ignoreIndex),
    warning,
  });
  const responseEnds = matchStarts(labels, responseIds).map((start) => start + responseIds.length);
  if (responseEnds.length === 0) {
    return maskAll('the response template does not occur: no token is trained');
  }
  const humanStarts = matchStarts(labels, instructionIds);
  if (humanStarts.length === 0) {
    return maskAll('the instruction template does not occur: no token is trained');
  }
  if ((humanStarts[0] as number) > (responseEnds[0] as number)) humanStarts.unshift(0);
  const pairs = Math.min(humanStarts.length, responseEnds.length);
  for (let pair = 0; pair < pairs; pair++) {
    const start = pair === 0 ? 0 : (humanStarts[pair] as number);
    labels.fill(ignoreIndex, start, responseEnds[pair]);
  }
  if (responseEnds.length < humanStarts.length) {
    labels.fill(ignoreIndex, humanStarts[humanStarts.length - 1]);
  }
  return { labels };
}
