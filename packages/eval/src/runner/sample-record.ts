import { z } from 'zod';

/** One line of a results file: one sample of one problem under one configuration. */
export const sampleRecordSchema = z.object({
  /** The problem's id. */
  problemId: z.string(),
  /** The configuration's name (`max=2048,ignore=1`, …). */
  config: z.string(),
  /** The sample's index, from 0; it is seeded `seed + sample`. */
  sample: z.number().int().nonnegative(),
  /** The user turn sent. */
  prompt: z.string(),
  /** The assistant text: thinking start, thinking, end delimiter, answer. */
  text: z.string(),
  /** The gold answer. */
  gold: z.string(),
  /** The extracted answer; null when none could be extracted. */
  answer: z.string().nullable(),
  /** Whether the grader judged it correct. */
  correct: z.boolean(),
  /** Thinking tokens as the controller counted them (inserted continuations included). */
  thinkingTokens: z.number().int().nonnegative(),
  /** Answer tokens generated. */
  answerTokens: z.number().int().nonnegative(),
  /** Whether the thinking budget forced the end of thinking. */
  hitBudget: z.boolean(),
  /** The configuration's bounds, for Control: its `max`, when it is a number. */
  max: z.number().int().positive().optional(),
  /** Its `min`, when it has one. */
  min: z.number().int().nonnegative().optional(),
});
/**
 * One line of a results file: one sample of one problem under one configuration.
 *
 * @useDeclaredType
 */
export type SampleRecord = z.infer<typeof sampleRecordSchema>;

/** The identity of a sample: what a resumed run must not do twice. */
export const sampleKey = (record: Pick<SampleRecord, 'problemId' | 'config' | 'sample'>) =>
  JSON.stringify([record.problemId, record.config, record.sample]);
