import { type Qwen2Weights, transpose } from '@s1/model-io';
import type { TrainingParameter } from './training-parameters';

/** Checkpoint weights ([out, in] linear weights) in the layout of the training graph ([in, out]). */
export function toTrainingLayout(
  weights: Qwen2Weights,
  parameters: readonly TrainingParameter[],
): Map<string, Float32Array> {
  return new Map(
    parameters.map(({ name, shape, transposed }) => {
      const data = weights.get(name) as Float32Array;
      return [name, transposed ? transpose(data, shape[1] as number, shape[0] as number) : data];
    }),
  );
}

/** Trained weights back in the checkpoint's layout. */
export function toCheckpointLayout(
  weights: ReadonlyMap<string, Float32Array>,
  parameters: readonly TrainingParameter[],
): Map<string, Float32Array> {
  return new Map(
    parameters.map(({ name, shape, transposed }) => {
      const data = weights.get(name) as Float32Array;
      return [name, transposed ? transpose(data, shape[0] as number, shape[1] as number) : data];
    }),
  );
}
