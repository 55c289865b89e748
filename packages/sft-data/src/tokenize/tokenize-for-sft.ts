import {
  type ChatMessage,
  type ChatTemplate,
  createChatTemplate,
  renderAndTokenize,
  type Tokenizer,
} from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { completionOnlyLabels, ignoreIndex } from './completion-only-labels';

/**
 * - `completion-only` (default): TRL's `DataCollatorForCompletionOnlyLM` as s1 trains with it.
 * - `assistant-spans`: the assistant turns as the chat template renders them (messages only).
 */
export type Masking = 'completion-only' | 'assistant-spans';

/** Options of {@link tokenizeForSft}. */
export interface TokenizeOptions {
  /** @default 'completion-only' */
  masking?: Masking | undefined;
  /** Longer sequences are cut at the end (right truncation). @default 32768 */
  blockSize?: number | undefined;
  /**
   * The text that starts a user turn, for `completion-only` masking. @default '<|im_start|>user'
   */
  instructionTemplate?: string | undefined;
  /**
   * The text after which the assistant's tokens are trained on. @default '<|im_start|>assistant\n'
   */
  responseTemplate?: string | undefined;
  /** Labels of this token are masked; s1 picks one that never occurs in the data. @default '<|fim_pad|>' */
  padToken?: string | undefined;
  /** Renders `messages` input. @default the Qwen2.5 chat template */
  template?: ChatTemplate | undefined;
}

/** One tokenized, labelled training example. */
export interface TokenizedExample {
  /** The token ids, cut to the block size. */
  inputIds: number[];
  /** The ids, with -100 where no loss is computed. */
  labels: number[];
  /** One 1 per id (an example has no padding). */
  attentionMask: number[];
  /** Tokens cut off by the block size. */
  truncatedTokens: number;
  /** Why the example trains on nothing, if it does not. */
  warnings: string[];
}

/** The block size s1 trains with: 32,768 tokens. */
export const defaultBlockSize = 32_768;

let qwen25: ChatTemplate | undefined;

/**
 * Tokenizes one training text (or conversation) with its loss mask, as s1's SFT does: the text
 * is tokenized with special tokens parsed and no BOS, cut to the block size, and labelled.
 *
 * @example
 * const { inputIds, labels } = tokenizeForSft(formatS1(record), tokenizer);
 * // labels: -100 up to and including <|im_start|>assistant\n, the ids from <|im_start|>think on
 */
export function tokenizeForSft(
  input: string | readonly ChatMessage[],
  tokenizer: Tokenizer,
  options: TokenizeOptions = {},
): TokenizedExample {
  const blockSize = options.blockSize ?? defaultBlockSize;
  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw new InvalidArgumentError({
      argument: 'tokenize options',
      issues: [{ path: 'blockSize', message: `must be a positive integer, got ${blockSize}` }],
    });
  }
  const template = () => {
    if (options.template !== undefined) return options.template;
    qwen25 ??= createChatTemplate({ preset: 'qwen2.5' });
    return qwen25;
  };

  if ((options.masking ?? 'completion-only') === 'assistant-spans') {
    if (typeof input === 'string') {
      throw new InvalidArgumentError({
        argument: 'tokenizeForSft input',
        issues: [
          {
            path: '',
            message:
              'assistant-spans masking needs messages (a text has no turns); pass the conversation or use completion-only',
          },
        ],
      });
    }
    const { ids, assistantMask } = renderAndTokenize({
      template: template(),
      tokenizer,
      messages: input,
    });
    const labels = ids.map((id, index) => (assistantMask[index] === 1 ? id : ignoreIndex));
    const trained = labels.some((label) => label !== ignoreIndex);
    return truncated(
      ids,
      labels,
      blockSize,
      trained ? [] : ['the conversation has no assistant turn: no token is trained'],
    );
  }

  const text = typeof input === 'string' ? input : template().render(input);
  return labelCompletionOnly(tokenizer.encode(text), tokenizer, { ...options, blockSize });
}

/** Completion-only labelling of a tokenized training text, cut to the block size. */
export function labelCompletionOnly(
  allIds: readonly number[],
  tokenizer: Tokenizer,
  options: Omit<TokenizeOptions, 'masking' | 'template'> & { blockSize: number },
): TokenizedExample {
  const inputIds = allIds.slice(0, options.blockSize);
  const { labels, warning } = completionOnlyLabels(inputIds, {
    instructionIds: tokenizer.encode(options.instructionTemplate ?? '<|im_start|>user'),
    responseIds: tokenizer.encode(options.responseTemplate ?? '<|im_start|>assistant\n'),
    padTokenId: tokenizer.idOf(options.padToken ?? '<|fim_pad|>'),
  });
  return {
    inputIds,
    labels,
    attentionMask: inputIds.map(() => 1),
    truncatedTokens: allIds.length - inputIds.length,
    warnings: warning === undefined ? [] : [warning],
  };
}

function truncated(
  ids: number[],
  labels: number[],
  blockSize: number,
  warnings: string[],
): TokenizedExample {
  const inputIds = ids.slice(0, blockSize);
  return {
    inputIds,
    labels: labels.slice(0, blockSize),
    attentionMask: inputIds.map(() => 1),
    truncatedTokens: ids.length - inputIds.length,
    warnings,
  };
}
