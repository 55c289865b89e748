import { TokenAlignmentError } from './errors/token-alignment-error';
import type { ChatMessage } from './messages/chat-message';
import { pythonStrip } from './python-strip';
import type { ChatTemplate, RenderOptions } from './template/chat-template';
import type { TextSpan } from './template/generation-blocks';
import type { Tokenizer } from './tokenizer/tokenizer';

/** Where one message's rendering lies, in characters of the text and in tokens. */
export interface MessageSpan {
  /** The message's index in `messages`. */
  messageIndex: number;
  /** The message's role. */
  role: string;
  /** Character range of the message's rendering in `text` (header and separators included). */
  start: number;
  /** End of the character range (exclusive). */
  end: number;
  /** Token range `[tokenStart, tokenEnd)` of the same rendering in `ids`. */
  tokenStart: number;
  /** End of the token range (exclusive). */
  tokenEnd: number;
}

/** A rendered, tokenized conversation with its message spans and assistant mask. */
export interface RenderAndTokenizeResult {
  /** The rendered conversation. */
  text: string;
  /** The token ids of `text`, encoded once as a whole. */
  ids: number[];
  /** One span per message, in order. A generation prompt after the last message is in no span. */
  messageSpans: MessageSpan[];
  /** 1 for every token the assistant generates, 0 elsewhere; one entry per id. */
  assistantMask: number[];
  /**
   * What the mask was built from: the template's `{% generation %}` blocks, or, for templates
   * without them, each assistant message's rendering after its generation prompt.
   */
  maskSource: 'generation-blocks' | 'assistant-messages';
}

/**
 * Options of {@link renderAndTokenize}: the conversation, the template and tokenizer, and render
 * options.
 */
export type RenderAndTokenizeOptions = RenderOptions & {
  /** The chat template that renders `messages`. */
  template: ChatTemplate;
  /** The tokenizer that encodes the rendering. */
  tokenizer: Tokenizer;
  /** The conversation. */
  messages: readonly ChatMessage[];
};

/**
 * Renders a conversation, tokenizes the whole text once, and maps every message and every
 * assistant turn onto token ranges.
 *
 * Message boundaries come from rendering each prefix of the conversation: message `i` ends where
 * the rendering of messages `0..i` parts from the full rendering. A template that rewrites a
 * message once later turns follow (some drop earlier reasoning) cannot be mapped and raises a
 * `TokenAlignmentError`.
 */
export function renderAndTokenize({
  template,
  tokenizer,
  messages,
  ...renderOptions
}: RenderAndTokenizeOptions): RenderAndTokenizeResult {
  const { text, generationSpans } = template.renderWithGenerationSpans(messages, renderOptions);
  const ids = tokenizer.encode(text);
  const { text: decoded, offsets: starts } = tokenizer.decodeWithOffsets(ids);
  const toDecoded = characterMapping(text, decoded, template.name, tokenizer.name);
  const tokenAt = (offset: number) => firstTokenAtOrAfter(starts, toDecoded(offset));
  // A token overlaps [start, end) when it starts before `end` and ends after `start`.
  const overlappingTokens = (span: TextSpan): [number, number] => {
    const first = Math.max(0, firstTokenAtOrAfter(starts, toDecoded(span.start) + 1) - 1);
    return [first, tokenAt(span.end)];
  };

  const { addGenerationPrompt: _, continueFinalMessage: __, ...baseOptions } = renderOptions;
  const renderPrefix = (count: number, addGenerationPrompt: boolean): string =>
    count === 0
      ? ''
      : template.render(messages.slice(0, count), { ...baseOptions, addGenerationPrompt });
  const misaligned = (count: number) =>
    new TokenAlignmentError({
      reason: `with ${template.name}, the rendering of the first ${count} message(s) differs from the full rendering inside message ${count - 1}, so that message has no fixed place in the text`,
    });
  const requirePrefix = (prefix: string, count: number): number => {
    if (text.startsWith(prefix)) return prefix.length;
    if (prefix.startsWith(text) && renderOptions.continueFinalMessage) return text.length;
    throw misaligned(count);
  };
  // Where the rendering of messages 0..count-1 parts from the full text. Templates may close the
  // last message differently (Qwen2.5 ends a run of tool responses only after the last one);
  // that is accepted as long as the part left behind does not hold the message's own text.
  const messageEnd = (count: number, previousEnd: number): number => {
    const prefix = renderPrefix(count, false);
    const end = commonPrefixLength(prefix, text);
    if (end === prefix.length) return end;
    const content = messages[count - 1]?.content;
    const ownText = typeof content === 'string' ? pythonStrip(content) : '';
    if (end < previousEnd || (ownText !== '' && prefix.slice(end).includes(ownText)))
      throw misaligned(count);
    return end;
  };

  const messageSpans: MessageSpan[] = [];
  const assistantRegions: TextSpan[] = [];
  let start = 0;
  messages.forEach((message, index) => {
    const end = messageEnd(index + 1, start);
    const [tokenStart, tokenEnd] = [tokenAt(start), tokenAt(end)];
    messageSpans.push({
      messageIndex: index,
      role: message.role,
      start,
      end,
      tokenStart,
      tokenEnd,
    });
    if (
      message.role === 'assistant' &&
      generationSpans.length === 0 &&
      !template.hasGenerationBlocks
    ) {
      const header = requirePrefix(renderPrefix(index, true), index + 1);
      if (end > header) assistantRegions.push({ start: header, end });
    }
    start = end;
  });

  const maskSource = template.hasGenerationBlocks ? 'generation-blocks' : 'assistant-messages';
  const assistantMask = new Array<number>(ids.length).fill(0);
  for (const region of maskSource === 'generation-blocks' ? generationSpans : assistantRegions) {
    const [first, last] = overlappingTokens(region);
    assistantMask.fill(1, first, last);
  }
  return { text, ids, messageSpans, assistantMask, maskSource };
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/** Index of the first token whose start offset is >= offset (binary search). */
function firstTokenAtOrAfter(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as number) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Offsets in the rendered text map to offsets in the decoded text, which differs only when the
// tokenizer normalizes (Unicode NFC for Qwen2.5); anything else means ids cannot be aligned.
function characterMapping(
  text: string,
  decoded: string,
  templateName: string,
  tokenizerName: string,
): (offset: number) => number {
  if (decoded === text) return (offset) => offset;
  if (decoded === text.normalize('NFC'))
    return (offset) => text.slice(0, offset).normalize('NFC').length;
  throw new TokenAlignmentError({
    reason: `${tokenizerName} does not decode its ids back to the text rendered by ${templateName} (its normalization is lossy)`,
  });
}
