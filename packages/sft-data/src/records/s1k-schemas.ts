import { z } from 'zod';

/**
 * A row of `simplescaling/s1K` (its Hugging Face dataset card); `s1K_tokenized` adds `text`.
 * `metadata` is the Python `str()` of a dict, kept as text here (`parsePythonLiteral` reads it).
 */
export const s1KRecordSchema = z.looseObject({
  /** The question. */
  question: z.string(),
  /** The reference solution from the question's source. */
  solution: z.string(),
  /** The kind of question, e.g. `math` or `science`. */
  cot_type: z.string(),
  /** The source dataset (e.g. `AI-MO/NuminaMath-CoT/aops_forum`). */
  source_type: z.string(),
  /** The source's metadata, as the Python `str()` of a dict. */
  metadata: z.string(),
  /** Always null in s1K. */
  cot: z.null().optional(),
  /** The reasoning traces (Gemini Flash Thinking's), one or more. */
  thinking_trajectories: z.array(z.string()).min(1),
  /** The answer written after the trace. */
  attempt: z.string(),
  /** The formatted training text (`s1K_tokenized` only). */
  text: z.string().optional(),
});
/**
 * A row of `simplescaling/s1K`.
 *
 * @useDeclaredType
 */
export type S1KRecord = z.output<typeof s1KRecordSchema>;

// An early revision of s1K-1.1 stored the DeepSeek columns as lists of strings.
const stringOrStrings = z.union([z.string(), z.array(z.string())]);

/**
 * A row of `simplescaling/s1K-1.1` (its Hugging Face dataset card): Gemini and DeepSeek-R1 traces
 * side by side.
 */
export const s1K11RecordSchema = z.looseObject({
  /** The question. */
  question: z.string(),
  /** The reference solution from the question's source. */
  solution: z.string(),
  /** The kind of question, e.g. `math` or `science`. */
  cot_type: z.string(),
  /** The source dataset (e.g. `AI-MO/NuminaMath-CoT/aops_forum`). */
  source_type: z.string(),
  /** The source's metadata, as the Python `str()` of a dict. */
  metadata: z.string(),
  /** Gemini Flash Thinking's reasoning trace. */
  gemini_thinking_trajectory: z.string(),
  /** Gemini's answer. */
  gemini_attempt: z.string(),
  /** DeepSeek-R1's reasoning trace (the one s1.1 trains on); a list in an early revision. */
  deepseek_thinking_trajectory: stringOrStrings,
  /** DeepSeek-R1's answer; a list in an early revision. */
  deepseek_attempt: stringOrStrings,
  /** Whether Gemini's answer was graded correct (`Yes` or `No`). */
  gemini_grade: z.string(),
  /** Why it was graded so. */
  gemini_grade_reason: z.string(),
  /** Whether DeepSeek-R1's answer was graded correct (`Yes` or `No`). */
  deepseek_grade: z.string(),
  /** Why it was graded so. */
  deepseek_grade_reason: z.string(),
  /** The formatted training text, where the row carries one. */
  text: z.string().optional(),
});
/**
 * A row of `simplescaling/s1K-1.1`.
 *
 * @useDeclaredType
 */
export type S1K11Record = z.output<typeof s1K11RecordSchema>;

/** The record every function of the package works on: one question, its reasoning and answer. */
export const sftRecordSchema = z.looseObject({
  /** The question: the user turn. */
  question: z.string(),
  /** A list is joined with newlines, as s1K's `thinking_trajectories` is. */
  thinking: z.union([z.string(), z.array(z.string())]),
  /** The answer after the thinking. */
  answer: z.string(),
  /** Replaces the template's default system prompt. */
  system: z.string().optional(),
  /** Anything to carry along (source, grade); not part of the training text. */
  meta: z.record(z.string(), z.unknown()).optional(),
});
/**
 * The record every function of the package works on: one question, its thinking and answer.
 *
 * @useDeclaredType
 */
export type SftRecord = z.input<typeof sftRecordSchema>;
