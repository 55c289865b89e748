// `{% generation %}…{% endgeneration %}` marks what the assistant generates (Hugging Face's
// AssistantTracker). @huggingface/jinja drops the tags, so to locate the blocks we replace each
// tag with a block that prints a marker variable; `{% if true %}` keeps the tag's whitespace
// control (`-`, trim_blocks, lstrip_blocks) exactly as the original tag had it.
const generationTagPattern = /\{%(-?)\s*(end)?generation\s*(-?)%\}/g;

export const generationStartVariable = '__s1_generation_start';
export const generationEndVariable = '__s1_generation_end';

export function hasGenerationBlocks(source: string): boolean {
  return new RegExp(generationTagPattern.source).test(source);
}

export function markGenerationBlocks(source: string): string {
  return source.replace(
    generationTagPattern,
    (tag: string, trimBefore: string, end: string | undefined, trimAfter: string) =>
      // The tag's line breaks stay inside the replacement's last tag, so every line keeps its number.
      `{%${trimBefore} if true %}{{ ${end ? generationEndVariable : generationStartVariable} }}{% endif ${tag.replace(/[^\n]/g, '')}${trimAfter}%}`,
  );
}

/** Picks two private-use characters that occur nowhere in `haystack`, to serve as markers. */
export function pickMarkers(haystack: string): { start: string; end: string } {
  const free: string[] = [];
  for (let code = 0xe000; code <= 0xf8ff && free.length < 2; code++) {
    const candidate = String.fromCharCode(code);
    if (!haystack.includes(candidate)) free.push(candidate);
  }
  const [start, end] = free;
  if (start === undefined || end === undefined) {
    throw new Error(
      'every private-use character occurs in the input; cannot mark generation blocks',
    );
  }
  return { start, end };
}

/** A character range `[start, end)` of a text. */
export interface TextSpan {
  /** Offset of the first character, in UTF-16 code units. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

/** Removes the markers from `marked` and returns the clean text with the spans they enclosed. */
export function extractMarkedSpans(
  marked: string,
  markers: { start: string; end: string },
): { text: string; spans: TextSpan[] } {
  const spans: TextSpan[] = [];
  let text = '';
  let openAt: number | undefined;
  for (const piece of marked.split(new RegExp(`(${markers.start}|${markers.end})`))) {
    if (piece === markers.start) {
      if (openAt !== undefined) throw new Error('nested {% generation %} blocks are not supported');
      openAt = text.length;
    } else if (piece === markers.end) {
      if (openAt === undefined) throw new Error('{% endgeneration %} without {% generation %}');
      if (text.length > openAt) spans.push({ start: openAt, end: text.length });
      openAt = undefined;
    } else {
      text += piece;
    }
  }
  return { text, spans };
}
