import { validate } from '@s1/errors';
import { z } from 'zod';
import { filterStage } from '../pipeline/filter-stage';
import type { SelectionStage } from '../pipeline/selection-stage';
import { checkQuality } from '../quality/check-quality';
import type { QualityRule } from '../quality/quality-rule';

/**
 * s1's quality filter (`data/filter.ipynb` in github.com/simplescaling/s1) as a stage, or your
 * own rules.
 *
 * @example
 * qualityStage();                                                    // the s1 rules
 * qualityStage({ rules: [...s1QualityRules, regexRule('url', /https?:\/\//)] });
 */
export function qualityStage<Row>(
  options: {
    rules?: readonly QualityRule[] | undefined;
    aimeAsyException?: boolean | undefined;
  } = {},
): SelectionStage<Row> {
  validate(
    z.strictObject({
      rules: z.array(z.custom<QualityRule>()).readonly().optional(),
      aimeAsyException: z.boolean().optional(),
    }),
    options,
    'qualityStage options',
  );
  return filterStage('quality', (item, fields) => {
    const decision = checkQuality(fields.question(item.row), {
      source: fields.source(item.row),
      rules: options.rules,
      aimeAsyException: options.aimeAsyException,
    });
    return decision.keep ? undefined : `quality: ${decision.rule}`;
  });
}
