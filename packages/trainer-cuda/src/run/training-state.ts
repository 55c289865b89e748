import type { TrainingParameter } from '../qwen2/training-parameters';

/** Everything a run carries from step to step: weights (training layout) and Adam's moments. */
export interface TrainingState {
  /** Optimizer steps done. */
  step: number;
  parameters: Map<string, Float32Array>;
  firstMoments: Map<string, Float32Array>;
  secondMoments: Map<string, Float32Array>;
}

/** The state before the first step: the given weights, zero moments. */
export function initialTrainingState(
  parameters: readonly TrainingParameter[],
  weights: ReadonlyMap<string, Float32Array>,
): TrainingState {
  const zeros = () =>
    new Map(
      parameters.map(({ name, shape }) => [
        name,
        new Float32Array(shape.reduce((a, b) => a * b, 1)),
      ]),
    );
  return {
    step: 0,
    parameters: new Map(parameters.map(({ name }) => [name, weights.get(name) as Float32Array])),
    firstMoments: zeros(),
    secondMoments: zeros(),
  };
}
