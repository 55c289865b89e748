import type { PoolItem, RecordAccessors } from '../pool-record';

/** An item a stage left out, and why. */
export interface DroppedItem<Row> {
  /** The item. */
  item: PoolItem<Row>;
  /** Why, in words a report can show (`quality: [asy]`, `contaminated: math500 …`). */
  reason: string;
}

/** What a stage kept and what it dropped. */
export interface StageOutcome<Row> {
  /** The items that go on to the next stage, with any features the stage added. */
  kept: PoolItem<Row>[];
  /** The items left out. */
  dropped: DroppedItem<Row>[];
}

/** What the pipeline gives a stage to run with. */
export interface StageContext<Row> {
  /** How to read the records' fields. */
  accessors: RecordAccessors<Row>;
  /** Reports progress within the stage. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** One step of a selection: it keeps some items (possibly adding features) and drops the rest. */
export interface SelectionStage<Row> {
  /** The stage's name in reports, drops and progress. */
  name: string;
  /** Keeps some of the items and drops the rest. */
  run(
    items: PoolItem<Row>[],
    context: StageContext<Row>,
  ): Promise<StageOutcome<Row>> | StageOutcome<Row>;
}
