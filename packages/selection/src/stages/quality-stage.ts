import { filterStage } from '../pipeline/filter-stage';
import type { SelectionStage } from '../pipeline/selection-stage';
import { checkQuality } from '../quality/check-quality';
import type { QualityRule } from '../quality/quality-rule';
import { s1QualityRules } from '../quality/s1-quality-rules';

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
  return filterStage('quality', (item, fields) => {
    const decision = checkQuality(
      fields.question(item.row),
      fields.source(item.row),
      options.rules ?? s1QualityRules,
      { aimeAsyException: options.aimeAsyException ?? true },
    );
    return decision.keep ? undefined : `quality: ${decision.rule}`;
  });
}
