import type { Tokenizer } from '@s1/chat-template';
import { objectSchema } from '@s1/errors';
import { z } from 'zod';
import { type FormatOptions, formatS1 } from '../format/format-s1';
import { type ExampleLengths, tokenLengths } from '../stats/example-lengths';
import {
  defaultBlockSize,
  labelCompletionOnly,
  type TokenizedExample,
  type TokenizeOptions,
} from '../tokenize/tokenize-for-sft';

/**
 * How a record is formatted and tokenized: the {@link FormatOptions} and {@link TokenizeOptions} a
 * worker can take.
 */
export type RecordOptions = Omit<FormatOptions, 'template'> &
  Omit<TokenizeOptions, 'template' | 'masking'>;

/** The keys of `RecordOptions`, for the strict schemas of the functions that take them. */
export const recordOptionsShape = {
  format: z.union([z.string(), objectSchema('a reasoning format')]).optional(),
  system: z.string().optional(),
  traces: z.enum(['deepseek', 'gemini']).optional(),
  blockSize: z.number().int().positive().optional(),
  instructionTemplate: z.string().optional(),
  responseTemplate: z.string().optional(),
  padToken: z.string().optional(),
} satisfies Record<keyof RecordOptions, z.ZodType>;

/** A record formatted, tokenized, labelled and measured. */
export interface TokenizedRecord extends TokenizedExample {
  /** The training text. */
  text: string;
  /** Its token counts, part by part. */
  lengths: ExampleLengths;
}

/**
 * Formats, tokenizes, labels and measures one record, tokenizing its text once: the unit of work
 * of every worker. Records are labelled completion-only, as s1 trains.
 */
export function tokenizeRecord(
  record: unknown,
  tokenizer: Tokenizer,
  options: RecordOptions,
): TokenizedRecord {
  const text = formatS1(record, options);
  const ids = tokenizer.encode(text);
  return {
    text,
    ...labelCompletionOnly(ids, tokenizer, {
      ...options,
      blockSize: options.blockSize ?? defaultBlockSize,
    }),
    lengths: tokenLengths(ids, tokenizer, options.format),
  };
}
