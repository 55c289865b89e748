import { readFile } from 'node:fs/promises';
import { InvalidFileError } from '@s1/errors';
import type { z } from 'zod';

/** Reads and validates a JSON file, naming the file and the failing field on error. */
export async function readJsonFile<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
): Promise<z.output<Schema>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InvalidFileError({
      file,
      reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      cause: error,
    });
  }
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InvalidFileError({
    file,
    reason: `unexpected content at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    cause: result.error,
  });
}
