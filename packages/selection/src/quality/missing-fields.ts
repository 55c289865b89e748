import { validate } from '@s1/errors';
import { z } from 'zod';

/**
 * The features the s1 notebook requires to be present (its "drop NAs" step, `data/filter.ipynb`
 * in github.com/simplescaling/s1).
 */
export const s1RequiredFields: readonly string[] = [
  'domain',
  'isqwen7bcorrect',
  'isqwen32bcorrect',
  'isgeminicorrect',
  'gemini_length',
];

/** Options of {@link findMissingFields}. */
export interface FindMissingFieldsOptions {
  /**
   * Also count `''` and `[]` as missing. Default true. The notebook (pandas `dropna`) only drops
   * None and NaN; pass false to match it exactly.
   */
  emptyIsMissing?: boolean;
}

const argumentsSchema = z.object({
  fields: z.array(z.string().min(1)),
  options: z.strictObject({ emptyIsMissing: z.boolean().optional() }),
});

/**
 * The required fields of `record` that are undefined, null or NaN (and, by default, empty).
 *
 * @example
 * findMissingFields({ domain: 'Algebra', gemini_length: null }, ['domain', 'gemini_length']);
 * // ['gemini_length']
 */
export function findMissingFields(
  record: object,
  fields: readonly string[] = s1RequiredFields,
  options: FindMissingFieldsOptions = {},
): string[] {
  const { emptyIsMissing = true } = validate(
    argumentsSchema,
    { fields, options },
    'fields',
  ).options;
  return fields.filter((field) =>
    isMissing((record as Record<string, unknown>)[field], emptyIsMissing),
  );
}

function isMissing(value: unknown, emptyIsMissing: boolean): boolean {
  if (value === undefined || value === null || Number.isNaN(value)) return true;
  if (!emptyIsMissing) return false;
  return value === '' || (Array.isArray(value) && value.length === 0);
}
