import type { z } from 'zod';
import { InvalidArgumentError } from './invalid-argument-error';

/** Parses `value` with `schema`, turning zod issues into an `InvalidArgumentError`. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  argument: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidArgumentError({
    argument,
    issues: result.error.issues.map((issue) => ({
      path: issue.path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('')
        .replace(/^\./, ''),
      message: issue.message,
    })),
    cause: result.error,
  });
}
