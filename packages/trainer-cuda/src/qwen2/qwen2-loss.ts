import type { ElementType, Qwen2Architecture } from '@s1/model-io';
import type { Tensor } from '../autodiff/tensor';
import type { TracedGraph } from '../autodiff/traced-graph';
import { attentionBias } from './attention-bias';
import { nextTokenLabels } from './next-token-labels';
import { rotaryTables } from './rotary-tables';

/** One batch of token rows, as graph inputs: every tensor is [rows, positions] of int64. */
export interface TokenBatch {
  /** The token ids. */
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
 *
 * With a half-precision `compute` type, weights are cast to it where they are used and the
 * activations flow in it, while what half precision gets wrong stays in the parameters' own
 * precision, as transformers' Qwen2 does under bfloat16: the RMSNorm statistics, the rotary
 * tables, the attention softmax (with its mask) and the cross-entropy. The embedding rows are
 * looked up in the parameters' precision and then cast, so its sparse gradient is summed there.
 */
export function qwen2LossSum(
  graph: TracedGraph,
  architecture: Qwen2Architecture,
  parameters: ReadonlyMap<string, Tensor>,
  batch: TokenBatch,
  { compute }: { compute?: ElementType | undefined } = {},
): {
  /** The summed next-token cross-entropy, a scalar. */
  lossSum: Tensor;
  /** The number of trained tokens, a float scalar. */
  trainedTokens: Tensor;
  /** The logits, [rows × positions, vocabulary]. */
  logits: Tensor;
} {
  const { ops } = graph;
  const master = (parameters.get('model.embed_tokens.weight') as Tensor).type;
  const float = compute ?? master;
  const parameter = (name: string) => {
    const tensor = parameters.get(name);
    if (tensor === undefined) throw new Error(`the training graph has no parameter ${name}`);
    return tensor;
  };
  const weight = (name: string) => ops.cast(parameter(name), float);
  const [rows, positions] = batch.inputIds.shape as [number, number];
  const { hiddenSize, heads, kvHeads, headDim } = architecture;
  const { emitter } = graph;
  const { targets, trainedTokens } = nextTokenLabels(emitter, batch.labels, master);
  const bias = attentionBias(emitter, batch.segmentIds, master);
  const rotary = graph.untraced(() => {
    const tables = rotaryTables(emitter, architecture, batch.positionIds, master);
    return { cos: ops.cast(tables.cos, float), sin: ops.cast(tables.sin, float) };
  });

  const rmsNorm = (x: Tensor, name: string) => {
    const wide = ops.cast(x, master);
    const meanSquare = ops.reduceMean(ops.mul(wide, wide), [-1], true);
    const inverse = ops.reciprocal(
      ops.sqrt(ops.add(meanSquare, ops.scalar(architecture.rmsNormEps, master))),
    );
    return ops.mul(ops.cast(ops.mul(wide, inverse), float), weight(name));
  };
  const linear = (x: Tensor, name: string, bias?: string) => {
    const projected = ops.matMul(x, weight(name));
    return bias === undefined ? projected : ops.add(projected, weight(bias));
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
        ops.cast(ops.matMul(query, ops.transpose(key, [0, 1, 3, 2])), master),
        ops.scalar(1 / Math.sqrt(headDim), master),
      ),
      bias,
    );
    const attended = ops.matMul(ops.cast(ops.softmax(scores, -1), float), value);
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

  let hidden = ops.cast(ops.gather(parameter('model.embed_tokens.weight'), batch.inputIds), float);
  for (let layer = 0; layer < architecture.layers; layer++) {
    hidden = graph.segment(hidden, (input) => decoderLayer(layer, input));
  }
  const final = ops.reshape(rmsNorm(hidden, 'model.norm.weight'), [rows * positions, hiddenSize]);
  const { lossSum, logits } = architecture.tieWordEmbeddings
    ? ops.linearCrossEntropy(final, weight('model.embed_tokens.weight'), targets, 'out-in')
    : ops.linearCrossEntropy(final, weight('lm_head.weight'), targets, 'in-out');
  return { lossSum, trainedTokens, logits };
}
