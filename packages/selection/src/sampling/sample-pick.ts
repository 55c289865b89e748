/** One selected item, with why it was chosen (for reports). */
export interface SamplePick<Item> {
  /** The item. */
  item: Item;
  /** Its domain. */
  domain: string;
  /**
   * `kept`: kept outright before sampling; `uniform`: its domain was drawn uniformly;
   * `benchmark`: its domain was drawn from the benchmark weights.
   */
  via: 'kept' | 'uniform' | 'benchmark';
  /** Its length rank in the domain's pool when drawn (0 = longest); only for the s1 sampler. */
  rank?: number;
}

/** The selected items in the order chosen, and each pick's details. */
export interface SampleResult<Item> {
  /** The selected items, in the order chosen. */
  items: Item[];
  /** One pick per item, in the same order. */
  picks: SamplePick<Item>[];
}
