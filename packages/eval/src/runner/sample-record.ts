import { z } from 'zod';

/** One line of a results file: one sample of one problem under one configuration. */
export const sampleRecordSchema = z.object({
  problemId: z.string(),
  config: z.string(),
  sample: z.number().int().nonnegative(),
  prompt: z.string(),
  /** The assistant text: thinking start, thinking, end delimiter, answer. */
  text: z.string(),
  gold: z.string(),
  /** The extracted answer; null when none could be extracted. */
  answer: z.string().nullable(),
  correct: z.boolean(),
  /** Thinking tokens as the controller counted them (inserted continuations included). */
  thinkingTokens: z.number().int().nonnegative(),
  answerTokens: z.number().int().nonnegative(),
  hitBudget: z.boolean(),
  /** The configuration's bounds, for Control. */
  max: z.number().int().positive().optional(),
  min: z.number().int().nonnegative().optional(),
});
export type SampleRecord = z.infer<typeof sampleRecordSchema>;

/** The identity of a sample: what a resumed run must not do twice. */
export const sampleKey = (record: Pick<SampleRecord, 'problemId' | 'config' | 'sample'>) =>
  JSON.stringify([record.problemId, record.config, record.sample]);
