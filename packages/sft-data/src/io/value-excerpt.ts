import { jsonPrefix } from './json-prefix';

const defaultMaxLength = 80;

/**
 * A value as JSON, cut to `maxLength` characters with `…`. Safe for any value: it reads only as
 * much of the value as the excerpt shows, so deep, cyclic or huge values cost no more.
 */
export function valueExcerpt(value: unknown, maxLength = defaultMaxLength): string {
  let text: string;
  try {
    text = jsonPrefix(value, maxLength + 1);
  } catch {
    // A getter, toJSON or proxy that throws.
    text = `(${typeof value} that cannot be shown)`;
  }
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
