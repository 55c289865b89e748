/** An object or array being written: its remaining members, and the bracket that closes it. */
interface OpenContainer {
  members: Iterator<[key: string | undefined, value: unknown]>;
  close: string;
  empty: boolean;
}

/**
 * The start of `value` as JSON, at least `length` characters of it when it has that many: JSON
 * values as `JSON.stringify` writes them, others as JavaScript shows them (`undefined`, `12n` as
 * `12`). Walks the value with a stack of its own and stops after `length` characters, so
 * any value works: nested 100,000 levels deep, cyclic, or gigabytes long.
 */
export function jsonPrefix(value: unknown, length: number): string {
  let text = '';
  const open: OpenContainer[] = [];
  let next: { value: unknown } | undefined = { value };
  while (text.length < length) {
    if (next !== undefined) {
      const current = withToJson(next.value);
      next = undefined;
      if (typeof current !== 'object' || current === null) {
        text += scalarText(current, length);
        continue;
      }
      const isArray = Array.isArray(current);
      text += isArray ? '[' : '{';
      const members = isArray ? arrayMembers(current) : objectMembers(current);
      open.push({ members, close: isArray ? ']' : '}', empty: true });
      continue;
    }
    const container = open.at(-1);
    if (container === undefined) break;
    const member = container.members.next();
    if (member.done) {
      text += container.close;
      open.pop();
      continue;
    }
    const [key, memberValue] = member.value;
    text += container.empty ? '' : ',';
    container.empty = false;
    if (key !== undefined) text += `${scalarText(key, length)}:`;
    next = { value: memberValue };
  }
  return text;
}

// Dates (and anything else with toJSON) are written as JSON.stringify writes them.
function withToJson(value: unknown): unknown {
  const toJson = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJson === 'function' ? toJson.call(value) : value;
}

function scalarText(value: unknown, length: number): string {
  // A string longer than the prefix is cut before quoting, so a huge one costs no more.
  if (typeof value === 'string') return JSON.stringify(value.slice(0, length));
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return typeof value === 'function' ? '[function]' : String(value);
}

function* arrayMembers(array: readonly unknown[]): Iterator<[undefined, unknown]> {
  for (let index = 0; index < array.length; index++) yield [undefined, array[index]];
}

function* objectMembers(object: object): Iterator<[string, unknown]> {
  for (const key in object) {
    if (Object.hasOwn(object, key)) yield [key, (object as Record<string, unknown>)[key]];
  }
}
