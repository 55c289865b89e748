import { writeJsonl } from '@s1/sft-data';
import { checkTrainingExample } from './check-training-example';
import type { TrainingExamples } from './fsdp-plan-options';
import { TrainingExampleError } from './training-example-error';

/**
 * What a set of tokenized examples holds.
 *
 * @inline
 */
export interface ExampleCounts {
  /** Examples. */
  examples: number;
  /** Tokens of all examples, padding not counted. */
  tokens: number;
  /** Labels other than -100: the tokens the loss is computed on. */
  trainedTokens: number;
  /** 0-based positions of the examples whose labels are all -100. */
  untrainedExampleIndices: number[];
}

/**
 * Checks each example and writes it to `path` as one `{"input_ids", "labels"}` line, counting
 * as it streams. Throws `TrainingExampleError` on the first example that cannot be trained, or
 * when no example has a trained token (the loss would divide by zero).
 */
export async function writeTrainingExamples(
  path: string,
  data: TrainingExamples,
  blockSize: number,
): Promise<ExampleCounts> {
  const counts: ExampleCounts = {
    examples: 0,
    tokens: 0,
    trainedTokens: 0,
    untrainedExampleIndices: [],
  };
  async function* checked() {
    for await (const row of data) {
      const { input_ids, labels, trainedTokens } = checkTrainingExample(
        row,
        counts.examples,
        blockSize,
      );
      if (trainedTokens === 0) counts.untrainedExampleIndices.push(counts.examples);
      counts.examples++;
      counts.tokens += input_ids.length;
      counts.trainedTokens += trainedTokens;
      // Only the two columns: other fields of a tokenized row (text, attention_mask) are not read.
      yield { input_ids, labels };
    }
  }
  await writeJsonl(path, checked());
  if (counts.trainedTokens === 0) {
    throw new TrainingExampleError({
      where: 'data',
      problem:
        counts.examples === 0
          ? 'holds no examples'
          : `none of its ${counts.examples} examples has a label other than -100`,
      fix: 'Pass the tokenized training set, with the completion labelled (tokenizeForSft does it).',
    });
  }
  return counts;
}
