/**
 * The full-pool ablation (paper Table 2, `data_ablation_full59K`): every item, as given. It
 * exists so that all four Table 2 arms can be run through the same code path.
 *
 * @example
 * fullPool(pool).length === pool.length; // true
 */
export function fullPool<Item>(items: readonly Item[]): Item[] {
  return [...items];
}
