import { ignoreIndex } from '@s1/sft-data';
import type { TokenizedTrainingExample } from './fsdp-plan-options';
import { TrainingExampleError } from './training-example-error';

export interface CheckedExample extends TokenizedTrainingExample {
  /** Labels other than -100. */
  trainedTokens: number;
}

const tokenizedFiles = "the tokenized files of @s1/sft-data's formatDataset";

/**
 * Checks one row as the Trainer will read it: `input_ids` and `labels` arrays of the same
 * length, from 1 to `blockSize` tokens, each label the input id itself or -100. A label that
 * differs from its id means labels already shifted or taken from another text, which would
 * train silently on the wrong targets.
 */
export function checkTrainingExample(
  row: unknown,
  index: number,
  blockSize: number,
): CheckedExample {
  const where = `data[${index}]`;
  const fail = (problem: string, fix: string, at = where) =>
    new TrainingExampleError({ where: at, index, problem, fix });
  if (typeof row !== 'object' || row === null) {
    throw fail(
      `is ${describe(row)}, not an object with input_ids and labels`,
      `Pass tokenized rows { input_ids, labels }, as ${tokenizedFiles} hold them.`,
    );
  }
  const { input_ids: inputIds, labels } = row as Record<string, unknown>;
  for (const [field, value, camel] of [
    ['input_ids', inputIds, 'inputIds'],
    ['labels', labels, undefined],
  ] as const) {
    if (Array.isArray(value)) continue;
    if (value === undefined && camel !== undefined && camel in row) {
      throw fail(
        `has ${camel} but no ${field}`,
        `Rename ${camel} to ${field} (tokenizeForSft returns ${camel}; ${tokenizedFiles} use ${field}).`,
      );
    }
    throw fail(
      `is ${describe(value)}, not an array of token ids`,
      `Pass tokenized rows { input_ids, labels }, as ${tokenizedFiles} hold them.`,
      `${where}.${field}`,
    );
  }
  const ids = inputIds as unknown[];
  const targets = labels as unknown[];
  if (ids.length !== targets.length) {
    throw fail(
      `has ${ids.length} input_ids but ${targets.length} labels`,
      'Give one label per token: the id itself where the loss is computed, -100 elsewhere.',
    );
  }
  if (ids.length === 0) throw fail('has no tokens', 'Leave empty examples out.');
  if (ids.length > blockSize) {
    throw fail(
      `has ${ids.length} tokens, more than blockSize ${blockSize}`,
      `Tokenize with blockSize ${blockSize} (tokenizeForSft cuts from the right, as s1 does), or pass a larger blockSize.`,
    );
  }
  let trainedTokens = 0;
  for (let position = 0; position < ids.length; position++) {
    const id = ids[position];
    if (!Number.isInteger(id) || (id as number) < 0) {
      throw fail(
        `is ${describe(id)}, not a token id (a non-negative integer)`,
        'Pass the token ids the tokenizer produced.',
        `${where}.input_ids[${position}]`,
      );
    }
    const label = targets[position];
    if (label === ignoreIndex) continue;
    if (label !== id) {
      throw fail(
        `is ${describe(label)} where input_ids[${position}] is ${id}; a label is the input id itself or -100`,
        'Pass labels unshifted, as TRL and tokenizeForSft make them: the model shifts them by one itself.',
        `${where}.labels[${position}]`,
      );
    }
    trainedTokens++;
  }
  return { input_ids: ids as number[], labels: targets as number[], trainedTokens };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
