// Markup around a final answer that is never part of it: math delimiters and bold.
const wrappers: readonly (readonly [string, string])[] = [
  ['$$', '$$'],
  ['$', '$'],
  ['\\(', '\\)'],
  ['\\[', '\\]'],
  ['**', '**'],
];

/**
 * Trims an extracted answer and strips wrapping `$…$`, `\(…\)`, `**…**`, an unpaired `$` at
 * either end and a trailing period (not an ellipsis).
 */
export function tidyAnswer(answer: string): string {
  let tidy = answer.trim();
  for (let previous = ''; previous !== tidy; ) {
    previous = tidy;
    tidy = tidy.replace(/(?<!\.)\.$/, '').trim();
    if (dollarCount(tidy) === 1) tidy = tidy.replace(/^\$|\$$/, '').trim();
    for (const [open, close] of wrappers) {
      const inner = tidy.slice(open.length, -close.length);
      if (
        tidy.length > open.length + close.length &&
        tidy.startsWith(open) &&
        tidy.endsWith(close) &&
        !inner.includes(open) &&
        !inner.includes(close)
      )
        tidy = inner.trim();
    }
  }
  return tidy;
}

function dollarCount(text: string): number {
  return text.split('$').length - 1;
}
