import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@s1/errors';
import type { RecordAccessors } from './pool-record';

/**
 * The id s1 keys traces by (`question_hash` in `data/utils/io_utils.py` of
 * github.com/simplescaling/s1): the first 16 hex digits of sha256(question).
 */
export function questionHash(question: string): string {
  return createHash('sha256').update(question, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Accessors for records of another shape, by field name. A record's id is its `id` field when
 * that holds a string or a number; a record without one (absent, null or empty) is keyed by
 * `questionHash` of its question.
 *
 * @example
 * fieldAccessors({ id: 'id', question: 'problem', trace: 'thinking', domain: 'subject' });
 */
export function fieldAccessors(fields: {
  id?: string | undefined;
  question: string;
  trace?: string | undefined;
  answer?: string | undefined;
  source?: string | undefined;
  domain?: string | undefined;
}): RecordAccessors<Record<string, unknown>> {
  const text = (row: Record<string, unknown>, field: string | undefined) => {
    if (field === undefined) return undefined;
    const value = row[field];
    if (Array.isArray(value)) return value.length === 0 ? undefined : String(value[0]);
    return value === undefined || value === null ? undefined : String(value);
  };
  return {
    id: (row, index) => {
      const field = fields.id;
      const value = field === undefined ? undefined : row[field];
      if (field === undefined || value === undefined || value === null || value === '') {
        return questionHash(String(row[fields.question] ?? ''));
      }
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw new InvalidArgumentError({
        argument: `record #${index + 1}`,
        issues: [
          {
            path: field,
            message: `an id must be a string or a number, not ${Array.isArray(value) ? 'a list' : typeof value}; name another id field`,
          },
        ],
      });
    },
    question: (row) => String(row[fields.question] ?? ''),
    trace: (row) => text(row, fields.trace),
    answer: (row) => text(row, fields.answer),
    source: (row) => text(row, fields.source),
    domain: (row) => text(row, fields.domain),
  };
}

/** Accessors for s1K / s50K rows: `question`, `solution`, `source_type`, `thinking_trajectories`, `domain`. */
export const s1KAccessors = fieldAccessors({
  id: 'id',
  question: 'question',
  trace: 'thinking_trajectories',
  answer: 'solution',
  source: 'source_type',
  domain: 'domain',
});
