import { resolveReasoningFormat, type Tokenizer } from '@s1/chat-template';
import { type FormatOptions, formatS1 } from '../format/format-s1';

/** Token counts of one training text, split where the loss mask and the delimiters split it. */
export interface ExampleLengths {
  /** System and user turns and the assistant header: never trained. */
  promptTokens: number;
  /** The thinking start delimiter and the thinking. */
  thinkingTokens: number;
  /** The end-of-thinking delimiter, the answer and the end of turn. */
  answerTokens: number;
  /** All tokens of the text. */
  totalTokens: number;
}

const assistantHeader = '<|im_start|>assistant\n';

/**
 * Measures one record: its training text is tokenized once and each token counted in the part
 * of the text where it starts.
 *
 * @example
 * exampleLengths(s1KRow, tokenizer); // { promptTokens: 40, thinkingTokens: 6512, answerTokens: 311, totalTokens: 6863 }
 */
export function exampleLengths(
  record: unknown,
  tokenizer: Tokenizer,
  options: FormatOptions = {},
): ExampleLengths {
  return tokenLengths(tokenizer.encode(formatS1(record, options)), tokenizer, options.format);
}

/** The same measure on a training text already tokenized. */
export function tokenLengths(
  ids: readonly number[],
  tokenizer: Tokenizer,
  format: FormatOptions['format'] = 's1',
): ExampleLengths {
  const { text: decoded, offsets } = tokenizer.decodeWithOffsets(ids);
  const thinkingStart = decoded.indexOf(assistantHeader) + assistantHeader.length;
  const answerStart = decoded.indexOf(resolveReasoningFormat(format).end, thinkingStart);
  const firstTokenFrom = (offset: number) => {
    const index = offsets.findIndex((start) => start >= offset);
    return index === -1 ? ids.length : index;
  };
  const thinkingToken = firstTokenFrom(thinkingStart);
  const answerToken = answerStart === -1 ? ids.length : firstTokenFrom(answerStart);
  return {
    promptTokens: thinkingToken,
    thinkingTokens: answerToken - thinkingToken,
    answerTokens: ids.length - answerToken,
    totalTokens: ids.length,
  };
}
