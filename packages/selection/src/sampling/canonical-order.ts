import { SamplingError } from './sampling-error';

/** Compares strings by UTF-16 code units, the same on every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The items sorted by id, so that a sampler's result depends on the pool and the seed, not on
 * the order the pool was read in. Ids must be unique.
 */
export function byId<Item extends { id: string }>(items: readonly Item[]): Item[] {
  const sorted = [...items].sort((a, b) => compareText(a.id, b.id));
  for (let index = 1; index < sorted.length; index++) {
    const id = sorted[index]?.id;
    if (id === sorted[index - 1]?.id) {
      throw new SamplingError({ message: `the pool holds id ${id} twice; ids must be unique` });
    }
  }
  return sorted;
}

/**
 * The items longest first; equal lengths go in id order, so ranks do not depend on a sort's
 * stability (numpy's default sort, used by s1, is not stable).
 */
export function longestFirst<Item extends { id: string }>(
  items: readonly Item[],
  lengthOf: (item: Item) => number,
): Item[] {
  const lengths = new Map(items.map((item) => [item.id, lengthOf(item)]));
  for (const [id, length] of lengths) {
    if (!Number.isFinite(length)) {
      throw new SamplingError({
        message: `item ${id} has length ${length}; lengths must be finite`,
      });
    }
  }
  const lengthOfId = (item: Item) => lengths.get(item.id) ?? 0;
  return byId(items).sort((a, b) => lengthOfId(b) - lengthOfId(a));
}
