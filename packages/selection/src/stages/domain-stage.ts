import { functionSchema, validate } from '@s1/errors';
import { z } from 'zod';
import type { DomainClassifier } from '../diversity/domain-classifier';
import type { SelectionStage } from '../pipeline/selection-stage';
import { featureStage } from './feature-stage';

/**
 * Labels every item with a domain (feature `domain`): the record's own field when it has one,
 * else the classifier's answer (s1: an LLM with the MSC rubric, `createDomainClassifier`).
 * Records left without a domain are dropped, as s1 drops them.
 *
 * @example
 * domainStage({ classifier: createDomainClassifier({ backend, retries: 2 }) });
 */
export function domainStage<Row>(
  options: { classifier?: DomainClassifier | undefined; concurrency?: number | undefined } = {},
): SelectionStage<Row> {
  validate(
    z.strictObject({
      classifier: functionSchema<DomainClassifier>().optional(),
      concurrency: z.number().int().positive().optional(),
    }),
    options,
    'domainStage options',
  );
  return featureStage<Row, string>({
    name: 'domain',
    feature: 'domain',
    compute: async (item, fields) =>
      fields.domain(item.row) ?? (await options.classifier?.(fields.question(item.row))),
    concurrency: options.concurrency,
  });
}
