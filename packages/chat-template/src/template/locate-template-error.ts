import { parse, tokenize } from '@huggingface/jinja';

const lexerOptions = { lstrip_blocks: true, trim_blocks: true };

/**
 * The 1-based line of a syntax error: the first line at which the template, cut after that line,
 * fails with the same message. For an unclosed block that is the line that opens it.
 */
export function locateSyntaxError(source: string, message: string): number | undefined {
  const lines = source.split('\n');
  for (let count = 1; count <= lines.length; count++) {
    try {
      parse(tokenize(lines.slice(0, count).join('\n'), lexerOptions));
    } catch (error) {
      if (error instanceof Error && error.message === message) return count;
    }
  }
  return undefined;
}

export const lineProbeVariable = '__s1_line';

// Tags that continue or close a block: a probe placed before them would land in the previous
// branch, so it goes after them instead.
const continuationTag = /^\{%-?\s*(elif|else|end\w*)\b/;

/**
 * Inserts `{% if __s1_line(N) %}{% endif %}` at every tag, so a failing render can be replayed
 * to learn the line of the last tag that ran. The output of the instrumented template is not
 * used: probes change whitespace, never control flow.
 */
export function instrumentTemplate(source: string): string {
  let result = '';
  let cursor = 0;
  const tagStart = /\{[{%#]/g;
  for (let match = tagStart.exec(source); match !== null; match = tagStart.exec(source)) {
    const start = match.index;
    const kind = match[0][1];
    const closer = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    const closeAt = source.indexOf(closer, start + 2);
    if (closeAt === -1) break;
    const end = closeAt + 2;
    const tag = source.slice(start, end);
    const line = countLines(source, start);
    const probe = `{% if ${lineProbeVariable}(${line}) %}{% endif %}`;
    result += source.slice(cursor, start);
    if (kind === '#') result += tag;
    else if (kind === '%' && continuationTag.test(tag)) result += tag + probe;
    else result += probe + tag;
    cursor = end;
    tagStart.lastIndex = end;
    if (/^\{%-?\s*raw\b/.test(tag)) {
      const rawEnd = /\{%-?\s*endraw\s*-?%\}/g;
      rawEnd.lastIndex = end;
      const closing = rawEnd.exec(source);
      if (closing === null) break;
      result += source.slice(cursor, closing.index + closing[0].length);
      cursor = closing.index + closing[0].length;
      tagStart.lastIndex = cursor;
    }
  }
  return result + source.slice(cursor);
}

function countLines(source: string, offset: number): number {
  let line = 1;
  for (
    let index = source.indexOf('\n');
    index !== -1 && index < offset;
    index = source.indexOf('\n', index + 1)
  ) {
    line++;
  }
  return line;
}
