import type { TrainingParameter } from '../qwen2/training-parameters';

/** Everything a run carries from step to step: weights (training layout) and Adam's moments. */
export interface TrainingState {
  /** Optimizer steps done. */
  step: number;
  parameters: Map<string, Float32Array>;
  firstMoments: Map<string, Float32Array>;
  secondMoments: Map<string, Float32Array>;
}

/** Zeroed buffers of a state's shapes (the spare the next state is written into). */
export function emptyTrainingState(parameters: readonly TrainingParameter[]): TrainingState {
  const zeros = () =>
    new Map(
      parameters.map(({ name, shape }) => [
        name,
        new Float32Array(shape.reduce((a, b) => a * b, 1)),
      ]),
    );
  return { step: 0, parameters: zeros(), firstMoments: zeros(), secondMoments: zeros() };
}

/** The state before the first step: the given weights, zero moments. */
export function initialTrainingState(
  parameters: readonly TrainingParameter[],
  weights: ReadonlyMap<string, Float32Array>,
): TrainingState {
  return {
    ...emptyTrainingState(parameters),
    parameters: new Map(parameters.map(({ name }) => [name, weights.get(name) as Float32Array])),
  };
}
