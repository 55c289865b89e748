import { closestMatch } from 'leven';
import type { z } from 'zod';
import { InvalidArgumentError } from './invalid-argument-error';
import { knownKeysAt } from './known-keys';

/**
 * Parses `value` with `schema`, turning zod issues into an `InvalidArgumentError`. A key a strict
 * object does not know is named with the closest key it does know, so a typo says what was meant.
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  argument: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidArgumentError({
    argument,
    issues: result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: pathText([...issue.path, key]),
            message: unknownKeyMessage(key, knownKeysAt(schema, issue.path)),
          }))
        : [{ path: pathText(issue.path), message: issue.message }],
    ),
    cause: result.error,
  });
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  // Up to one edit in three characters (two at least: a swap of two letters) is a typo.
  const maxDistance = Math.max(2, Math.ceil(key.length / 3));
  const closest = closestMatch(key, known, { maxDistance });
  if (closest !== undefined && closest !== key) return `unknown key; did you mean "${closest}"?`;
  if (known.length === 0) return 'unknown key';
  return `unknown key; the known keys are ${known.map((name) => `"${name}"`).join(', ')}`;
}
