import { createHash } from 'node:crypto';
import { S1Error } from '@s1/errors';
import { readRecords } from '@s1/sft-data';
import { z } from 'zod';
import { TrainingInputError } from './training-errors';

/** One tokenized example: the ids and the labels to train on (−100 where nothing is trained). */
export interface TrainingExample {
  inputIds: number[];
  labels: number[];
}

export interface TrainingData {
  examples: TrainingExample[];
  /** sha256 over the examples: a resumed run must train on the same data. */
  fingerprint: string;
  /** Examples cut at the block size. */
  truncated: number;
  /** Examples with no label to train on. */
  untrained: number;
}

const integer = z.union([z.number().int(), z.bigint()]).transform(Number);
const rowSchema = z.looseObject({
  input_ids: z.array(integer),
  labels: z.array(integer),
});

const dataFix =
  "Give the tokenized set `s1 format` writes (Parquet or JSONL with input_ids and labels), made with this model's tokenizer";

/**
 * The tokenized training set: every row's `input_ids` and `labels` (as `s1 format` writes them),
 * checked against the model's vocabulary, and cut at the block size from the end, as TRL cuts.
 */
export async function loadTrainingData(
  file: string,
  { vocabularySize, blockSize }: { vocabularySize: number; blockSize: number },
): Promise<TrainingData> {
  const { records } = await readRecords(file, { schema: rowSchema, invalidRowFix: dataFix }).catch(
    (error: unknown) => {
      // The reader's own errors already name the file, row and field.
      if (S1Error.isInstance(error)) throw error;
      throw new TrainingInputError({
        where: file,
        problem: error instanceof Error ? error.message : String(error),
        fix: dataFix,
        cause: error,
      });
    },
  );
  if (records.length === 0) {
    throw new TrainingInputError({ where: file, problem: 'holds no example', fix: dataFix });
  }
  const hash = createHash('sha256');
  let truncated = 0;
  let untrained = 0;
  const examples = records.map((record, index) => {
    const row = `${file}, row ${index + 1}`;
    if (record.input_ids.length !== record.labels.length) {
      throw new TrainingInputError({
        where: row,
        problem: `has ${record.input_ids.length} input_ids but ${record.labels.length} labels`,
        fix: dataFix,
      });
    }
    if (record.input_ids.length === 0) {
      throw new TrainingInputError({ where: row, problem: 'has no tokens', fix: dataFix });
    }
    record.input_ids.forEach((id, position) => {
      if (id < 0 || id >= vocabularySize) {
        throw new TrainingInputError({
          where: `${row}, input_ids[${position}]`,
          problem: `is ${id}, outside the model's vocabulary of ${vocabularySize} tokens`,
          fix: 'Tokenize the data with the tokenizer of the model being trained (s1 format --tokenizer MODEL)',
        });
      }
    });
    record.labels.forEach((label, position) => {
      if (label !== -100 && label !== record.input_ids[position]) {
        throw new TrainingInputError({
          where: `${row}, labels[${position}]`,
          problem: `is ${label}; a label is its own input id (shifted inside the trainer) or -100`,
          fix: dataFix,
        });
      }
    });
    const length = Math.min(record.input_ids.length, blockSize);
    if (length < record.input_ids.length) truncated++;
    const example = {
      inputIds: record.input_ids.slice(0, length),
      labels: record.labels.slice(0, length),
    };
    if (example.labels.slice(1).every((label) => label === -100)) untrained++;
    hash.update(`${example.inputIds.join(',')}|${example.labels.join(',')}\n`);
    return example;
  });
  return { examples, fingerprint: hash.digest('hex'), truncated, untrained };
}
