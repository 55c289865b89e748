import { validate } from '@s1/errors';
import { recordSchemaNameOf } from './record-schema-for';
import {
  type S1K11Record,
  type S1KRecord,
  type SftRecord,
  s1K11RecordSchema,
  s1KRecordSchema,
  sftRecordSchema,
} from './s1k-schemas';

/** Which traces of an s1K-1.1 row to train on. */
export type S1K11Traces = 'deepseek' | 'gemini';

const joinLines = (value: string | readonly string[]) =>
  typeof value === 'string' ? value : value.join('\n');

/** An s1K row as an SFT record: the Gemini thinking and attempt, as s1 trains on them. */
export function fromS1K(record: S1KRecord): SftRecord {
  return {
    question: record.question,
    thinking: record.thinking_trajectories,
    answer: record.attempt,
    meta: { cot_type: record.cot_type, source_type: record.source_type },
  };
}

/** An s1K-1.1 row as an SFT record: the DeepSeek-R1 traces (s1.1) unless `gemini` is asked for. */
export function fromS1K11(record: S1K11Record, traces: S1K11Traces = 'deepseek'): SftRecord {
  const deepseek = traces === 'deepseek';
  return {
    question: record.question,
    thinking: deepseek
      ? joinLines(record.deepseek_thinking_trajectory)
      : record.gemini_thinking_trajectory,
    answer: deepseek ? joinLines(record.deepseek_attempt) : record.gemini_attempt,
    meta: {
      cot_type: record.cot_type,
      source_type: record.source_type,
      grade: deepseek ? record.deepseek_grade : record.gemini_grade,
    },
  };
}

/**
 * Any supported row as an SFT record, recognised by its columns: s1K (`thinking_trajectories`),
 * s1K-1.1 (`deepseek_thinking_trajectory`) or the generic `{ question, thinking, answer }`.
 *
 * @example
 * toSftRecord(s1KRow); // { question, thinking: [trace], answer: attempt, meta }
 */
export function toSftRecord(row: unknown, options: { traces?: S1K11Traces } = {}): SftRecord {
  switch (recordSchemaNameOf(row)) {
    case 's1k':
      return fromS1K(validate(s1KRecordSchema, row, 's1K row'));
    case 's1k-1.1':
      return fromS1K11(validate(s1K11RecordSchema, row, 's1K-1.1 row'), options.traces);
    case 'sft':
      return validate(sftRecordSchema, row, 'SFT record');
  }
}
