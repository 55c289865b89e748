import type { ElementType, Qwen2Architecture } from '@s1/model-io';
import type { ModelProto } from 'onnx-buf';
import type { Tensor } from '../autodiff/tensor';
import { createTracedGraph, type TracedGraph } from '../autodiff/traced-graph';
import { nextTokenLabels } from '../qwen2/next-token-labels';
import type { TokenBatch } from '../qwen2/qwen2-loss';
import { type TrainingParameter, trainingParameters } from '../qwen2/training-parameters';
import { batchGradients } from './batch-gradients';
import { emitLoop } from './emit-loop';
import { type OptimizerSettings, optimizerStep, type ParameterState } from './optimizer-step';
import { stepNames, trainingOpset } from './step-names';

/** Options of {@link compileTrainingGraph}. */
export interface TrainingGraphOptions {
  /** The model's shape. */
  architecture: Qwen2Architecture;
  /** Token rows per micro-batch. */
  rows: number;
  /** Positions per row. */
  positions: number;
  /** Micro-batches per optimizer step (gradient accumulation): looped, so memory holds one. */
  accumulation: number;
  /** Optimizer steps per call: looped, so weights and Adam's moments stay in the runtime between them. */
  steps: number;
  /** AdamW's settings and the clipping norm. */
  optimizer: OptimizerSettings;
  /**
   * The element type of the master weights, Adam's moments and the optimizer. @default 'float32'
   */
  float?: ElementType | undefined;
  /**
   * Recompute each decoder layer's activations in the backward pass instead of keeping them from
   * the forward: memory holds one layer's activations instead of all of them, for about a third
   * more compute. The step's results are the same, bit for bit. @default false
   */
  recompute?: boolean | undefined;
  /**
   * The precision of the forward and backward pass (activations, matrix products): `bfloat16`
   * (s1's recipe, CUDA only) or `float16` over the `float` master weights, which the optimizer
   * updates. RMSNorm statistics, the attention softmax and the loss stay in `float`. Gradients
   * reach the parameters in `float`. @default the `float` type
   */
  compute?: ElementType | undefined;
}

/** A compiled training graph: the ONNX model and the parameters it takes. */
export interface CompiledTrainingGraph {
  /** The ONNX model. */
  model: ModelProto;
  /** The trained parameters, in input order. */
  parameters: TrainingParameter[];
}

/**
 * `steps` optimizer steps of a Qwen2 model in one ONNX graph. Inputs: every `param.*`,
 * `adam_m.*`, `adam_v.*`; the batches `input_ids`, `position_ids`, `segment_ids`, `labels` as
 * [steps, accumulation, rows, positions]; `learning_rate` [steps]; `first_step`, the steps taken
 * before (a float scalar). Outputs: `loss`, `grad_norm` (before clipping) and `trained_tokens`,
 * each [steps], then `next.*`. Each step averages the loss over the trained tokens of all its
 * micro-batches, as transformers does with gradient accumulation, then clips and applies AdamW.
 */
export function compileTrainingGraph(options: TrainingGraphOptions): CompiledTrainingGraph {
  const float = options.float ?? 'float32';
  const { steps, accumulation, rows, positions } = options;
  const graph = createTracedGraph('qwen2_training');
  const parameters = trainingParameters(options.architecture);
  const states: ParameterState[] = parameters.map((parameter) => ({
    parameter: graph.input(stepNames.parameter(parameter.name), parameter.shape, float),
    m: graph.input(stepNames.firstMoment(parameter.name), parameter.shape, float),
    v: graph.input(stepNames.secondMoment(parameter.name), parameter.shape, float),
  }));
  const batches = stepNames.batch.map((name) =>
    graph.input(name, [steps, accumulation, rows, positions], 'int64'),
  );
  const learningRates = graph.input('learning_rate', [steps], float);
  const firstStep = graph.input('first_step', [], float);
  const step = (
    scope: TracedGraph,
    current: readonly ParameterState[],
    batch: readonly Tensor[],
    learningRate: Tensor,
    t: Tensor,
  ) => optimizerStepOn(scope, options, parameters, current, batch, learningRate, t);

  const { ops } = graph;
  let finalStates: ParameterState[];
  let metrics: Tensor[];
  if (steps === 1) {
    const t = graph.untraced(() => ops.add(firstStep, ops.scalar(1, float)));
    const only = graph.untraced(() =>
      batches.map((batch) => ops.reshape(batch, batch.shape.slice(1))),
    );
    const result = step(
      graph,
      states,
      only,
      graph.untraced(() => ops.reshape(learningRates, [])),
      t,
    );
    finalStates = result.next;
    metrics = graph.untraced(() =>
      [result.loss, result.gradNorm, result.trainedTokens].map((value) => ops.reshape(value, [1])),
    );
  } else {
    const looped = emitLoop(graph, {
      name: 'steps',
      iterations: steps,
      carried: states.flatMap(({ parameter, m, v }) => [parameter, m, v]),
      body: (body, iteration, carried) => {
        const current = parameters.map((_, index) => ({
          parameter: carried[3 * index] as Tensor,
          m: carried[3 * index + 1] as Tensor,
          v: carried[3 * index + 2] as Tensor,
        }));
        const pick = (tensor: Tensor) => gatherAt(body, tensor, iteration);
        const t = body.untraced(() =>
          body.ops.add(
            body.ops.add(firstStep, body.ops.cast(iteration, float)),
            body.ops.scalar(1, float),
          ),
        );
        const result = step(body, current, batches.map(pick), pick(learningRates), t);
        return {
          carried: result.next.flatMap(({ parameter, m, v }) => [parameter, m, v]),
          stacked: [result.loss, result.gradNorm, result.trainedTokens],
        };
      },
    });
    finalStates = parameters.map((_, index) => ({
      parameter: looped.carried[3 * index] as Tensor,
      m: looped.carried[3 * index + 1] as Tensor,
      v: looped.carried[3 * index + 2] as Tensor,
    }));
    metrics = looped.stacked;
  }
  graph.untraced(() => {
    for (const [index, name] of ['loss', 'grad_norm', 'trained_tokens'].entries()) {
      graph.output(name, metrics[index] as Tensor);
    }
    parameters.forEach((parameter, index) => {
      const state = finalStates[index] as ParameterState;
      graph.output(stepNames.next(stepNames.parameter(parameter.name)), state.parameter);
      graph.output(stepNames.next(stepNames.firstMoment(parameter.name)), state.m);
      graph.output(stepNames.next(stepNames.secondMoment(parameter.name)), state.v);
    });
  });
  return { model: graph.builder.toModel({ opset: trainingOpset }), parameters };
}

// `tensor[index]` along the first axis, in `scope`.
function gatherAt(scope: TracedGraph, tensor: Tensor, index: Tensor): Tensor {
  return scope.emitter.node(
    'Gather',
    [tensor, index],
    [{ shape: tensor.shape.slice(1), type: tensor.type }],
    {
      axis: 0,
    },
  )[0] as Tensor;
}

// One optimizer step over `batch` ([accumulation, rows, positions] each), in `scope`.
function optimizerStepOn(
  scope: TracedGraph,
  options: TrainingGraphOptions,
  parameters: readonly TrainingParameter[],
  states: readonly ParameterState[],
  batch: readonly Tensor[],
  learningRate: Tensor,
  t: Tensor,
): { next: ParameterState[]; loss: Tensor; gradNorm: Tensor; trainedTokens: Tensor } {
  const { ops } = scope;
  const float = learningRate.type;
  const { accumulation, rows, positions } = options;
  const values = new Map(
    parameters.map((parameter, index) => [
      parameter.name,
      (states[index] as ParameterState).parameter,
    ]),
  );
  const labelsOfStep = scope.untraced(() =>
    ops.reshape(batch[3] as Tensor, [accumulation * rows, positions]),
  );
  const { trainedTokens } = nextTokenLabels(scope.emitter, labelsOfStep, float);
  const scale = scope.untraced(() => ops.reciprocal(ops.max(trainedTokens, ops.scalar(1, float))));
  const common = {
    architecture: options.architecture,
    parameters,
    values,
    scale: () => scale,
    recompute: options.recompute ?? false,
    compute: options.compute,
  };
  const asBatch = (tensors: readonly Tensor[]): TokenBatch => ({
    inputIds: tensors[0] as Tensor,
    positionIds: tensors[1] as Tensor,
    segmentIds: tensors[2] as Tensor,
    labels: tensors[3] as Tensor,
  });

  let gradients: Tensor[];
  let lossSum: Tensor;
  if (accumulation === 1) {
    const micro = scope.untraced(() =>
      batch.map((tensor) => ops.reshape(tensor, [rows, positions])),
    );
    ({ gradients, lossSum } = batchGradients(scope, { ...common, batch: asBatch(micro) }));
  } else {
    const accumulated = emitLoop(scope, {
      name: `${scope.name}_accumulate`,
      iterations: accumulation,
      carried: scope.untraced(() => [
        ...parameters.map((parameter) => ops.zeros(parameter.shape, float)),
        ops.scalar(0, float),
      ]),
      body: (body, iteration, carried) => {
        const micro = batch.map((tensor) => gatherAt(body, tensor, iteration));
        const result = batchGradients(body, { ...common, batch: asBatch(micro) });
        return body.untraced(() => ({
          carried: [
            ...result.gradients.map((gradient, index) =>
              body.ops.add(carried[index] as Tensor, gradient),
            ),
            body.ops.add(carried[parameters.length] as Tensor, result.lossSum),
          ],
          stacked: [],
        }));
      },
    });
    gradients = accumulated.carried.slice(0, parameters.length);
    lossSum = accumulated.carried[parameters.length] as Tensor;
  }
  const { gradNorm, next } = optimizerStep(
    scope,
    parameters,
    states,
    gradients,
    options.optimizer,
    learningRate,
    t,
  );
  return { next, loss: scope.untraced(() => ops.mul(lossSum, scale)), gradNorm, trainedTokens };
}
