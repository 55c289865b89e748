import { compareText } from './canonical-order';

/** The items of one domain still in the pool, in draw order (for s1: longest first). */
export interface DomainPool<Item> {
  domain: string;
  items: Item[];
}

/** Groups items, kept in their order, into one pool per domain; domains in name order. */
export function domainPools<Item>(
  items: readonly Item[],
  domainOf: (item: Item) => string,
): DomainPool<Item>[] {
  const pools = new Map<string, Item[]>();
  for (const item of items) {
    const domain = domainOf(item);
    const pool = pools.get(domain);
    if (pool === undefined) pools.set(domain, [item]);
    else pool.push(item);
  }
  return [...pools]
    .sort(([a], [b]) => compareText(a, b))
    .map(([domain, poolItems]) => ({ domain, items: poolItems }));
}
