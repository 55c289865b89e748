import { validate } from '@s1/errors';
import { z } from 'zod';
import { filterStage } from '../pipeline/filter-stage';
import type { SelectionStage } from '../pipeline/selection-stage';
import { findMissingFields } from '../quality/missing-fields';

/**
 * Drops records with a required field missing (the "drop NAs" step of s1's `data/filter.ipynb`,
 * github.com/simplescaling/s1), naming the fields.
 *
 * @example
 * missingFieldsStage({ fields: ['question', 'solution', 'thinking_trajectories'] });
 */
export function missingFieldsStage<Row extends object>(options: {
  fields: readonly string[];
  emptyIsMissing?: boolean | undefined;
}): SelectionStage<Row> {
  validate(
    z.strictObject({
      fields: z.array(z.string().min(1)).readonly(),
      emptyIsMissing: z.boolean().optional(),
    }),
    options,
    'missingFieldsStage options',
  );
  return filterStage('missing fields', (item) => {
    const missing = findMissingFields(item.row, options.fields, {
      emptyIsMissing: options.emptyIsMissing,
    });
    return missing.length === 0 ? undefined : `missing: ${missing.join(', ')}`;
  });
}
