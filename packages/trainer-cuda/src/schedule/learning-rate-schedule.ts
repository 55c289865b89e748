/** A learning-rate schedule: linear warm-up to the peak, then cosine decay to 0. */
export interface LearningRateSchedule {
  /** The peak learning rate. */
  peak: number;
  /** Steps of linear warm-up from 0. */
  warmupSteps: number;
  /** Optimizer steps in the whole run. */
  totalSteps: number;
}

/**
 * Warm-up steps for a ratio of the run, as Hugging Face's TrainingArguments computes them:
 * ceil(ratio × total). s1: ceil(0.05 × 315) = 16.
 */
export function warmupStepsFor(ratio: number, totalSteps: number): number {
  return Math.ceil(ratio * totalSteps);
}

/**
 * The learning rate of optimizer step `step` (counting from 0) under Hugging Face's
 * `get_cosine_schedule_with_warmup` (num_cycles 0.5): linear from 0 over the warm-up, then a half
 * cosine to 0 at `totalSteps`. The Trainer steps the scheduler after the optimizer, so the first
 * step runs at lr(0), which is 0 when there is a warm-up.
 */
export function cosineLearningRate(step: number, schedule: LearningRateSchedule): number {
  const { peak, warmupSteps, totalSteps } = schedule;
  if (step < warmupSteps) return (peak * step) / Math.max(1, warmupSteps);
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  return peak * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
}
