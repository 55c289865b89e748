import type { PoolItem, RecordAccessors } from '../pool-record';

export interface DroppedItem<Row> {
  item: PoolItem<Row>;
  /** Why, in words a report can show (`quality: [asy]`, `contaminated: math500 …`). */
  reason: string;
}

export interface StageOutcome<Row> {
  kept: PoolItem<Row>[];
  dropped: DroppedItem<Row>[];
}

export interface StageContext<Row> {
  accessors: RecordAccessors<Row>;
  /** Reports progress within the stage. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** One step of a selection: it keeps some items (possibly adding features) and drops the rest. */
export interface SelectionStage<Row> {
  name: string;
  run(
    items: PoolItem<Row>[],
    context: StageContext<Row>,
  ): Promise<StageOutcome<Row>> | StageOutcome<Row>;
}
