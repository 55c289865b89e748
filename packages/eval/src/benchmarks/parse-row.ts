import type { z } from 'zod';
import { InvalidBenchmarkRowError } from './invalid-benchmark-row-error';
import type { NumberedRow } from './json-rows';
import { valueExcerpt } from './value-excerpt';

/**
 * Parses one row with `schema`; the first issue becomes an `InvalidBenchmarkRowError` naming
 * the file, the row and the field.
 */
export function parseRow<Schema extends z.ZodType>(
  schema: Schema,
  { row, value }: NumberedRow,
  file: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue?.path ?? [];
  throw new InvalidBenchmarkRowError({
    file,
    row,
    field: fieldName(path),
    reason: issue?.message ?? 'invalid row',
    excerpt: valueExcerpt(valueAt(value, path)),
    cause: result.error,
  });
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
