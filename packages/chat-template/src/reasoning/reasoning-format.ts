import { InvalidArgumentError, validate } from '@s1/errors';
import { z } from 'zod';

/**
 * How a model writes its thinking and its answer in one assistant turn:
 * `start + thinkingPrefix + thinking + thinkingSuffix + end + answerPrefix + answer`.
 * The prefixes and suffix are separators: parsing strips each once where present.
 */
export interface ReasoningFormat {
  /** The format's name, e.g. `s1` or `think-tags`. */
  readonly name: string;
  /** Opens thinking, e.g. `<|im_start|>think` or `<think>`. */
  readonly start: string;
  /** Closes thinking and opens the answer, e.g. `<|im_start|>answer` or `</think>`. */
  readonly end: string;
  /**
   * The text whose appearance ends thinking: a prefix of `end`. For s1 it is `<|im_start|>`,
   * the token the model emits to stop thinking (the harness stops on it). @default end
   */
  readonly endDetection: string;
  /** Separator after `start`, before the thinking (`\n` for both built-in formats). */
  readonly thinkingPrefix: string;
  /** Separator after the thinking, before `end` (`\n` for both built-in formats). */
  readonly thinkingSuffix: string;
  /** Separator after `end`, before the answer (`\n` for s1, `\n\n` for think-tags). */
  readonly answerPrefix: string;
  /**
   * Prepended to an answer that does not contain this label's text without its trailing
   * space, when formatting a turn (s1's `"Answer: "` rule). Empty for none.
   */
  readonly answerLabel: string;
}

const formatSchema = z
  .object({
    /** The format's name. */
    name: z.string().min(1),
    /** Opens thinking, e.g. `<think>`. */
    start: z.string().min(1),
    /** Closes thinking and opens the answer, e.g. `</think>`. */
    end: z.string().min(1),
    /** The text whose appearance ends thinking: a prefix of `end`. @default end */
    endDetection: z.string().min(1).optional(),
    /** Separator after `start`, stripped once when parsing. @default '' */
    thinkingPrefix: z.string().default(''),
    /** Separator before `end`, stripped once when parsing. @default '' */
    thinkingSuffix: z.string().default(''),
    /** Separator after `end`, stripped once when parsing. @default '' */
    answerPrefix: z.string().default(''),
    /**
     * Prepended to an answer that lacks it when formatting a turn (s1's `"Answer: "`). @default ''
     */
    answerLabel: z.string().default(''),
  })
  .refine(
    (format) => format.endDetection === undefined || format.end.startsWith(format.endDetection),
    {
      message: 'endDetection must be a prefix of end',
      path: ['endDetection'],
    },
  );

/**
 * What {@link defineReasoningFormat} takes: a {@link ReasoningFormat} whose separators, label and
 * `endDetection` may be left out.
 *
 * @useDeclaredType
 */
export type ReasoningFormatDefinition = z.input<typeof formatSchema>;

/** Validates a custom reasoning format. */
export function defineReasoningFormat(definition: ReasoningFormatDefinition): ReasoningFormat {
  const format = validate(formatSchema, definition, 'reasoning format');
  return Object.freeze({ ...format, endDetection: format.endDetection ?? format.end });
}

/** The built-in formats. */
export const reasoningFormats = {
  /**
   * s1 / s1.1 (as `data/tokenization.py` in github.com/simplescaling/s1 writes it):
   * `<|im_start|>think\n…\n<|im_start|>answer\n…`; thinking ends on `<|im_start|>`.
   */
  s1: defineReasoningFormat({
    name: 's1',
    start: '<|im_start|>think',
    end: '<|im_start|>answer',
    endDetection: '<|im_start|>',
    thinkingPrefix: '\n',
    thinkingSuffix: '\n',
    answerPrefix: '\n',
    answerLabel: 'Answer: ',
  }),
  /** DeepSeek-R1 and Qwen3: `<think>\n…\n</think>\n\n…`. */
  'think-tags': defineReasoningFormat({
    name: 'think-tags',
    start: '<think>',
    end: '</think>',
    thinkingPrefix: '\n',
    thinkingSuffix: '\n',
    answerPrefix: '\n\n',
  }),
} as const;

/** Names of the built-in reasoning formats. */
export type ReasoningFormatName = keyof typeof reasoningFormats;

/** Accepts a built-in format's name or a format object. */
export function resolveReasoningFormat(
  format: ReasoningFormatName | ReasoningFormat,
): ReasoningFormat {
  if (typeof format !== 'string') return format;
  const builtIn = reasoningFormats[format];
  if (builtIn === undefined) {
    throw new InvalidArgumentError({
      argument: 'reasoning format',
      issues: [
        {
          path: '',
          message: `unknown format "${format}"; use ${Object.keys(reasoningFormats).join(', ')} or defineReasoningFormat()`,
        },
      ],
    });
  }
  return builtIn;
}
