import { z } from 'zod';

/**
 * A row of `simplescaling/s1K` (its Hugging Face dataset card); `s1K_tokenized` adds `text`.
 * `metadata` is the Python `str()` of a dict, kept as text here (`parsePythonLiteral` reads it).
 */
export const s1KRecordSchema = z.looseObject({
  question: z.string(),
  solution: z.string(),
  cot_type: z.string(),
  source_type: z.string(),
  metadata: z.string(),
  cot: z.null().optional(),
  thinking_trajectories: z.array(z.string()).min(1),
  attempt: z.string(),
  text: z.string().optional(),
});
export type S1KRecord = z.output<typeof s1KRecordSchema>;

// An early revision of s1K-1.1 stored the DeepSeek columns as lists of strings.
const stringOrStrings = z.union([z.string(), z.array(z.string())]);

/**
 * A row of `simplescaling/s1K-1.1` (its Hugging Face dataset card): Gemini and DeepSeek-R1 traces
 * side by side.
 */
export const s1K11RecordSchema = z.looseObject({
  question: z.string(),
  solution: z.string(),
  cot_type: z.string(),
  source_type: z.string(),
  metadata: z.string(),
  gemini_thinking_trajectory: z.string(),
  gemini_attempt: z.string(),
  deepseek_thinking_trajectory: stringOrStrings,
  deepseek_attempt: stringOrStrings,
  gemini_grade: z.string(),
  gemini_grade_reason: z.string(),
  deepseek_grade: z.string(),
  deepseek_grade_reason: z.string(),
  text: z.string().optional(),
});
export type S1K11Record = z.output<typeof s1K11RecordSchema>;

/** The record every function of the package works on: one question, its reasoning and answer. */
export const sftRecordSchema = z.looseObject({
  question: z.string(),
  /** A list is joined with newlines, as s1K's `thinking_trajectories` is. */
  thinking: z.union([z.string(), z.array(z.string())]),
  answer: z.string(),
  /** Replaces the template's default system prompt. */
  system: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type SftRecord = z.input<typeof sftRecordSchema>;
