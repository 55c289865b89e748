/** The optimizer steps of a run, as transformers' Trainer counts them. */
export interface TrainingSteps {
  /** Optimizer steps in one pass over the examples. */
  perEpoch: number;
  /** Optimizer steps in the whole run. */
  total: number;
  /** Steps of the linear warm-up from 0 to the peak learning rate. */
  warmup: number;
}

/**
 * The optimizer steps transformers' Trainer takes (`set_initial_training_values` and
 * `get_warmup_steps` in its trainer.py and training_args.py): a last partial accumulation counts
 * as a step, epochs × steps are rounded up, and so is the warm-up share. Each process sees
 * ceil(examples / (per-device batch × processes)) batches, and ceil(ceil(n / a) / b) =
 * ceil(n / (a × b)), so the counts depend on the global batch size alone, not on how it is split
 * across GPUs. Float products round as in Python, which multiplies the same IEEE doubles.
 */
export function trainingSteps({
  examples,
  globalBatchSize,
  epochs,
  warmupRatio,
}: {
  examples: number;
  globalBatchSize: number;
  epochs: number;
  warmupRatio: number;
}): TrainingSteps {
  const perEpoch = Math.max(Math.ceil(examples / globalBatchSize), 1);
  const total = Math.ceil(epochs * perEpoch);
  return { perEpoch, total, warmup: Math.ceil(total * warmupRatio) };
}
