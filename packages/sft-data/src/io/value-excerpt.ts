const defaultMaxLength = 80;

/** A value as JSON (or its type when it has none), cut to `maxLength` characters with `…`. */
export function valueExcerpt(value: unknown, maxLength = defaultMaxLength): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // bigint and cyclic values have no JSON form.
    text = String(value);
  }
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
