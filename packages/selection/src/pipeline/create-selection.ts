import { functionSchema, objectSchema, validate } from '@s1/errors';
import { z } from 'zod';
import type { PoolItem, RecordAccessors } from '../pool-record';
import type { SelectionStage, StageContext } from './selection-stage';

/** A record left out, where and why: one line of `dropped.jsonl`. */
export interface DroppedRecord {
  /** The record's id (from `accessors.id`). */
  id: string;
  /** The name of the stage that dropped it. */
  stage: string;
  /** Why, as the stage put it. */
  reason: string;
}

/** The summary of a selection: `report.json`. */
export interface SelectionReport {
  /** Records in the pool, then after each stage (like 59,029 → 54,116 → 51,607 → 24,517 → 1,000). */
  counts: {
    /** `pool`, then each stage's name. */
    stage: string;
    /** Records left. */
    records: number;
  }[];
  /** Selected records per domain, where a domain is known. */
  domains: Record<string, number>;
  /** Drops per stage and reason. */
  drops: {
    /** The stage's name. */
    stage: string;
    /** The reason's head, before any `:` and details. */
    reason: string;
    /** Records dropped for it. */
    count: number;
  }[];
}

/** What a selection run returns. */
export interface SelectionResult<Row> {
  /** The records that went through every stage, with their features. */
  selected: PoolItem<Row>[];
  /** Every record left out, in the order the stages dropped them. */
  dropped: DroppedRecord[];
  /** The summary. */
  report: SelectionReport;
}

/** Options of {@link createSelection}. */
export interface SelectionOptions<Row> {
  /** How to read the records' fields. */
  accessors: RecordAccessors<Row>;
  /** The stages, run in order. */
  stages: readonly SelectionStage<Row>[];
  /** Called when a stage starts and as it progresses. */
  onProgress?: ((stage: string, done: number, total: number) => void) | undefined;
}

/**
 * A selection pipeline: the pool goes through the stages in order, each keeping part of it; every
 * record left out is reported with its stage and reason, none silently.
 *
 * @example
 * const selection = createSelection({ accessors: s1KAccessors, stages: [quality, decontamination, difficulty, diversity] });
 * const { selected, dropped, report } = await selection.run(records);
 */
export function createSelection<Row>(options: SelectionOptions<Row>) {
  validate(
    z.strictObject({
      accessors: objectSchema<RecordAccessors<Row>>(
        'the record accessors (s1KAccessors, fieldAccessors(…))',
      ),
      stages: z
        .array(
          z.custom<SelectionStage<Row>>(
            (value) => typeof (value as SelectionStage<Row>)?.run === 'function',
            'must be a stage (an object with run)',
          ),
        )
        .readonly(),
      onProgress: functionSchema<SelectionOptions<Row>['onProgress']>().optional(),
    }),
    options,
    'createSelection options',
  );
  return {
    /** Reads the pool (any iterable of records) and runs it through the stages. */
    async run(rows: Iterable<Row> | AsyncIterable<Row>): Promise<SelectionResult<Row>> {
      let items: PoolItem<Row>[] = [];
      for await (const row of rows) {
        items.push({ id: options.accessors.id(row, items.length), row, features: {} });
      }
      const counts = [{ stage: 'pool', records: items.length }];
      const dropped: DroppedRecord[] = [];
      for (const stage of options.stages) {
        const context: StageContext<Row> = {
          accessors: options.accessors,
          onProgress: (done, total) => options.onProgress?.(stage.name, done, total),
        };
        const outcome = await stage.run(items, context);
        for (const { item, reason } of outcome.dropped) {
          dropped.push({ id: item.id, stage: stage.name, reason });
        }
        items = outcome.kept;
        counts.push({ stage: stage.name, records: items.length });
      }
      return {
        selected: items,
        dropped,
        report: reportOf(items, dropped, counts, options.accessors),
      };
    },
  };
}

function reportOf<Row>(
  selected: readonly PoolItem<Row>[],
  dropped: readonly DroppedRecord[],
  counts: SelectionReport['counts'],
  accessors: RecordAccessors<Row>,
): SelectionReport {
  const domains: Record<string, number> = {};
  for (const item of selected) {
    const domain = (item.features.domain as string | undefined) ?? accessors.domain(item.row);
    if (domain !== undefined) domains[domain] = (domains[domain] ?? 0) + 1;
  }
  const drops = new Map<string, { stage: string; reason: string; count: number }>();
  for (const { stage, reason } of dropped) {
    // Reasons carry details after a colon (`contaminated: math500`); group by their head.
    const head = reason.split(':')[0] as string;
    const key = JSON.stringify([stage, head]);
    const entry = drops.get(key) ?? { stage, reason: head, count: 0 };
    entry.count++;
    drops.set(key, entry);
  }
  return { counts, domains, drops: [...drops.values()] };
}
