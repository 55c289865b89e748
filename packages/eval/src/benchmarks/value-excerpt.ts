const maxExcerptLength = 80;

/** A value as JSON (or its type when it has none), cut to a short excerpt for error messages. */
export function valueExcerpt(value: unknown): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? typeof value);
  return text.length <= maxExcerptLength ? text : `${text.slice(0, maxExcerptLength - 1)}…`;
}
