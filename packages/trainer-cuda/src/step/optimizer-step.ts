import type { Tensor } from '../autodiff/tensor';
import type { TracedGraph } from '../autodiff/traced-graph';
import { type AdamWSettings, adamWStep, adamWUpdate } from '../optimizer/adamw';
import { clipGradients } from '../optimizer/clip-gradients';
import type { TrainingParameter } from '../qwen2/training-parameters';

/** AdamW's settings and the gradient clipping of a training step. */
export type OptimizerSettings = AdamWSettings & {
  /** The global gradient norm clipped to; undefined: no clipping. */
  maxGradNorm: number | undefined;
};

/** A parameter's value and Adam's two moments, as tensors of the graph. */
export interface ParameterState {
  parameter: Tensor;
  m: Tensor;
  v: Tensor;
}

/**
 * Clipping and the AdamW update of every parameter, emitted untraced: the norm of the gradients
 * before clipping and each parameter's next state.
 */
export function optimizerStep(
  graph: TracedGraph,
  parameters: readonly TrainingParameter[],
  states: readonly ParameterState[],
  gradients: readonly Tensor[],
  settings: OptimizerSettings,
  learningRate: Tensor,
  t: Tensor,
): { gradNorm: Tensor; next: ParameterState[] } {
  return graph.untraced(() => {
    const { ops } = graph;
    const { norm, clipped } = clipGradients(ops, gradients, settings.maxGradNorm);
    const step = adamWStep(ops, settings, learningRate, t);
    const next = parameters.map((parameter, index) => {
      const state = states[index] as ParameterState;
      return adamWUpdate(ops, settings, step, {
        ...state,
        gradient: clipped[index] as Tensor,
        decay: parameter.decay,
      });
    });
    return { gradNorm: norm, next };
  });
}
