import type { ElementType, Qwen2Architecture } from '@s1/model-io';
import type { ModelProto } from 'onnx-buf';
import type { Tensor } from '../autodiff/tensor';
import { createTracedGraph } from '../autodiff/traced-graph';
import { type TrainingParameter, trainingParameters } from '../qwen2/training-parameters';
import { batchGradients } from './batch-gradients';
import { type OptimizerSettings, optimizerStep } from './optimizer-step';
import { stepNames, trainingOpset } from './step-names';

/** Options of {@link compileTrainStep}. */
export interface TrainStepOptions {
  /** The model's shape. */
  architecture: Qwen2Architecture;
  /** Token rows of the batch. */
  rows: number;
  /** Positions per row. */
  positions: number;
  /** AdamW's settings and the clipping norm. */
  optimizer: OptimizerSettings;
  /** `update` (default): the whole step; `gradients`: loss, logits and gradients, for checks. */
  output?: 'update' | 'gradients' | undefined;
  /** Also output the gradients (`grad.*`, before clipping) in `update`, for checks. */
  gradientOutputs?: boolean | undefined;
  /** float32 (default); float64 for numerical checks. */
  float?: ElementType | undefined;
  /** Recompute each decoder layer in the backward pass (see `TrainingGraphOptions`). */
  recompute?: boolean | undefined;
  /** The precision of the forward and backward pass (see `TrainingGraphOptions`). */
  compute?: ElementType | undefined;
}

/** A compiled training step: the ONNX model and the parameters it takes. */
export interface CompiledTrainStep {
  /** The ONNX model. */
  model: ModelProto;
  /** The trained parameters, in input order. */
  parameters: TrainingParameter[];
}

/**
 * One training step of a Qwen2 model over one batch, as a plain graph (no loops): the forward
 * pass, the next-token cross-entropy averaged over the batch's trained tokens, the backward pass
 * and, for `update`, clipping and AdamW (inputs `learning_rate` and `step`, t counting from 1).
 * Outputs `loss`, `trained_tokens`, `grad_norm` (before clipping), then `next.*` — or, for
 * `gradients`, `logits` and `grad.*`. The reference the looped training graph is checked against.
 */
export function compileTrainStep(options: TrainStepOptions): CompiledTrainStep {
  const float = options.float ?? 'float32';
  const graph = createTracedGraph('qwen2_train_step');
  const { ops } = graph;
  const parameters = trainingParameters(options.architecture);
  const values = new Map(
    parameters.map((parameter) => [
      parameter.name,
      graph.input(stepNames.parameter(parameter.name), parameter.shape, float),
    ]),
  );
  const [inputIds, positionIds, segmentIds, labels] = stepNames.batch.map((name) =>
    graph.input(name, [options.rows, options.positions], 'int64'),
  ) as [Tensor, Tensor, Tensor, Tensor];
  let scale: Tensor | undefined;
  const { lossSum, trainedTokens, logits, gradients } = batchGradients(graph, {
    architecture: options.architecture,
    parameters,
    values,
    batch: { inputIds, positionIds, segmentIds, labels },
    scale: (trained) => {
      scale = graph.untraced(() => ops.reciprocal(ops.max(trained, ops.scalar(1, float))));
      return scale;
    },
    recompute: options.recompute ?? false,
    compute: options.compute,
  });
  graph.untraced(() => {
    graph.output('loss', ops.mul(lossSum, scale as Tensor));
    graph.output('trained_tokens', trainedTokens);
    if (options.output === 'gradients' || options.gradientOutputs) {
      parameters.forEach((parameter, index) => {
        graph.output(stepNames.gradient(parameter.name), gradients[index] as Tensor);
      });
    }
    if (options.output === 'gradients') {
      graph.output('logits', logits);
      return;
    }
    const states = parameters.map((parameter) => ({
      parameter: values.get(parameter.name) as Tensor,
      m: graph.input(stepNames.firstMoment(parameter.name), parameter.shape, float),
      v: graph.input(stepNames.secondMoment(parameter.name), parameter.shape, float),
    }));
    const { gradNorm, next } = optimizerStep(
      graph,
      parameters,
      states,
      gradients,
      options.optimizer,
      graph.input('learning_rate', [], float),
      graph.input('step', [], float),
    );
    graph.output('grad_norm', gradNorm);
    parameters.forEach((parameter, index) => {
      const state = next[index] as (typeof next)[number];
      graph.output(stepNames.next(stepNames.parameter(parameter.name)), state.parameter);
      graph.output(stepNames.next(stepNames.firstMoment(parameter.name)), state.m);
      graph.output(stepNames.next(stepNames.secondMoment(parameter.name)), state.v);
    });
  });
  return { model: graph.builder.toModel({ opset: trainingOpset }), parameters };
}
