/**
 * How many levels of objects and arrays a row may have, itself included. Far beyond any real
 * record, and well below where code that recurses overflows the stack: JSON.stringify near
 * 4,000 levels, structured clone (worker threads) near 1,500, recursive zod schemas near 1,000.
 */
export const maxRowNestingDepth = 512;

/**
 * Where `row` nests deeper than `maxRowNestingDepth`: the path of its top-level field that
 * does, `[]` for the row as a whole, or undefined when it does not.
 */
export function tooDeeplyNestedPath(row: unknown): PropertyKey[] | undefined {
  if (!nestsDeeperThan(row, maxRowNestingDepth)) return undefined;
  if (Array.isArray(row)) return [];
  const field = Object.entries(row as object).find(([, value]) =>
    nestsDeeperThan(value, maxRowNestingDepth - 1),
  );
  return field === undefined ? [] : [field[0]];
}

/** Whether `value` has objects or arrays more than `maxDepth` levels deep; needs no recursion. */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [value: object, depth: number][] = [];
  const visit = (child: unknown, depth: number) => {
    // Typed arrays (Parquet binary columns) hold numbers only.
    if (typeof child === 'object' && child !== null && !ArrayBuffer.isView(child)) {
      pending.push([child, depth]);
    }
  };
  visit(value, 1);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [container, depth] = next;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(container) ? container : Object.values(container)) {
      visit(child, depth + 1);
    }
  }
  return false;
}
