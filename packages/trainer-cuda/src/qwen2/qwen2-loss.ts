import type { Qwen2Architecture } from '@s1/model-io';
import type { Tensor } from '../autodiff/tensor';
import type { TracedGraph } from '../autodiff/traced-graph';
import { attentionBias } from './attention-bias';
import { nextTokenLabels } from './next-token-labels';
import { rotaryTables } from './rotary-tables';

/** One batch of token rows, as graph inputs: every tensor is [rows, positions] of int64. */
export interface TokenBatch {
  inputIds: Tensor;
  /** Each token's position in its own sequence (they restart in every sequence of a packed row). */
  positionIds: Tensor;
  /** Which sequence of the row a token belongs to: 1, 2, … for packed sequences, 0 for padding. */
  segmentIds: Tensor;
  /** The token ids to train on, −100 elsewhere (unshifted, as @s1/sft-data writes them). */
  labels: Tensor;
}

/**
 * The Qwen2 forward pass over a batch and its summed next-token cross-entropy, as transformers'
 * causal-LM loss computes it: logits at position t are scored against the label at t + 1, over
 * labels that are not −100. Attention is causal and stays within a packed sequence. Returns the
 * summed loss, the number of trained tokens (a float scalar) and the logits [rows × positions, vocabulary].
 */
export function qwen2LossSum(
  graph: TracedGraph,
  architecture: Qwen2Architecture,
  parameters: ReadonlyMap<string, Tensor>,
  batch: TokenBatch,
): { lossSum: Tensor; trainedTokens: Tensor; logits: Tensor } {
  const { ops } = graph;
  const float = (parameters.get('model.embed_tokens.weight') as Tensor).type;
  const parameter = (name: string) => {
    const tensor = parameters.get(name);
    if (tensor === undefined) throw new Error(`the training graph has no parameter ${name}`);
    return tensor;
  };
  const [rows, positions] = batch.inputIds.shape as [number, number];
  const { hiddenSize, heads, kvHeads, headDim } = architecture;
  const { emitter } = graph;
  const { targets, trainedTokens } = nextTokenLabels(emitter, batch.labels, float);
  const bias = attentionBias(emitter, batch.segmentIds, float);
  const rotary = rotaryTables(emitter, architecture, batch.positionIds, float);

  const rmsNorm = (x: Tensor, weight: string) => {
    const meanSquare = ops.reduceMean(ops.mul(x, x), [-1], true);
    const inverse = ops.reciprocal(
      ops.sqrt(ops.add(meanSquare, ops.scalar(architecture.rmsNormEps, float))),
    );
    return ops.mul(ops.mul(x, inverse), parameter(weight));
  };
  const linear = (x: Tensor, weight: string, bias?: string) => {
    const projected = ops.matMul(x, parameter(weight));
    return bias === undefined ? projected : ops.add(projected, parameter(bias));
  };
  const headsOf = (x: Tensor, count: number) =>
    ops.transpose(ops.reshape(x, [rows, positions, count, headDim]), [0, 2, 1, 3]);
  const rotate = (x: Tensor) => {
    const half = headDim / 2;
    const first = ops.slice(x, { starts: [0], ends: [half], axes: [-1] });
    const second = ops.slice(x, { starts: [half], ends: [headDim], axes: [-1] });
    const turned = ops.concat([ops.neg(second), first], -1);
    return ops.add(ops.mul(x, rotary.cos), ops.mul(turned, rotary.sin));
  };
  // Grouped-query attention: each key/value head serves heads / kvHeads query heads.
  const repeatKv = (x: Tensor) => {
    const group = heads / kvHeads;
    if (group === 1) return x;
    const expanded = ops.expand(ops.unsqueeze(x, [2]), [rows, kvHeads, group, positions, headDim]);
    return ops.reshape(expanded, [rows, heads, positions, headDim]);
  };

  const decoderLayer = (layer: number, input: Tensor) => {
    const prefix = `model.layers.${layer}`;
    const normed = rmsNorm(input, `${prefix}.input_layernorm.weight`);
    const projection = (name: string, count: number) =>
      headsOf(
        linear(
          normed,
          `${prefix}.self_attn.${name}_proj.weight`,
          `${prefix}.self_attn.${name}_proj.bias`,
        ),
        count,
      );
    const query = rotate(projection('q', heads));
    const key = repeatKv(rotate(projection('k', kvHeads)));
    const value = repeatKv(projection('v', kvHeads));
    const scores = ops.add(
      ops.mul(
        ops.matMul(query, ops.transpose(key, [0, 1, 3, 2])),
        ops.scalar(1 / Math.sqrt(headDim), float),
      ),
      bias,
    );
    const attended = ops.matMul(ops.softmax(scores, -1), value);
    const merged = ops.reshape(ops.transpose(attended, [0, 2, 1, 3]), [
      rows,
      positions,
      heads * headDim,
    ]);
    const hidden = ops.add(input, linear(merged, `${prefix}.self_attn.o_proj.weight`));
    const normedMlp = rmsNorm(hidden, `${prefix}.post_attention_layernorm.weight`);
    const gate = linear(normedMlp, `${prefix}.mlp.gate_proj.weight`);
    const silu = ops.mul(gate, ops.sigmoid(gate));
    const up = linear(normedMlp, `${prefix}.mlp.up_proj.weight`);
    return ops.add(hidden, linear(ops.mul(silu, up), `${prefix}.mlp.down_proj.weight`));
  };

  let hidden = ops.gather(parameter('model.embed_tokens.weight'), batch.inputIds);
  for (let layer = 0; layer < architecture.layers; layer++) {
    hidden = graph.segment(hidden, (input) => decoderLayer(layer, input));
  }
  const final = ops.reshape(rmsNorm(hidden, 'model.norm.weight'), [rows * positions, hiddenSize]);
  const { lossSum, logits } = architecture.tieWordEmbeddings
    ? ops.linearCrossEntropy(final, parameter('model.embed_tokens.weight'), targets, 'out-in')
    : ops.linearCrossEntropy(final, parameter('lm_head.weight'), targets, 'in-out');
  return { lossSum, trainedTokens, logits };
}
