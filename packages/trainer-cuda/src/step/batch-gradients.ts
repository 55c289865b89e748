import type { ElementType, Qwen2Architecture } from '@s1/model-io';
import { differentiate } from '../autodiff/differentiate';
import type { Tensor } from '../autodiff/tensor';
import type { TracedGraph } from '../autodiff/traced-graph';
import { qwen2LossSum, type TokenBatch } from '../qwen2/qwen2-loss';
import type { TrainingParameter } from '../qwen2/training-parameters';

export interface BatchGradientsOptions {
  architecture: Qwen2Architecture;
  parameters: readonly TrainingParameter[];
  /** The value of each parameter in this graph, by parameter name. */
  values: ReadonlyMap<string, Tensor>;
  batch: TokenBatch;
  scale: (trainedTokens: Tensor) => Tensor;
  /** Recompute each decoder layer in the backward pass instead of keeping its activations. */
  recompute: boolean;
  /** The precision of the activations and matrix products; the parameters' own by default. */
  compute?: ElementType | undefined;
}

/**
 * The forward and backward pass of one batch: the summed loss, the trained-token count, the
 * logits, and each parameter's gradient of `scale` × the summed loss (`scale` = 1 / the trained
 * tokens of the whole optimizer batch, so accumulated batches average as transformers does).
 */
export function batchGradients(
  graph: TracedGraph,
  { architecture, parameters, values, batch, scale, recompute, compute }: BatchGradientsOptions,
): { lossSum: Tensor; trainedTokens: Tensor; logits: Tensor; gradients: Tensor[] } {
  const { lossSum, trainedTokens, logits } = qwen2LossSum(graph, architecture, values, batch, {
    compute,
  });
  const byName = differentiate(graph, lossSum, [...values.values()], {
    seed: scale(trainedTokens),
    recompute,
  });
  const gradients = parameters.map((parameter) => {
    const gradient = byName.get((values.get(parameter.name) as Tensor).name);
    // Every Qwen2 parameter reaches the loss; one that did not would silently never learn.
    if (gradient === undefined) throw new Error(`no gradient reaches ${parameter.name}`);
    return gradient;
  });
  return { lossSum, trainedTokens, logits, gradients };
}
