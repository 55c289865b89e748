import type { ModelProto, TensorProto } from 'onnx-buf';
import type { Qwen2Architecture } from '../config/qwen2-architecture';
import { createGraphBuilder, type GraphBuilder } from '../onnx/graph-builder';
import type { TensorBytes } from '../onnx/onnx-model-parts';
import { checkQwen2Weights, type Qwen2Weights, transpose } from './qwen2-weights';

// The smallest float32, added to the scores of masked keys (as transformers does).
const maskedScore = -3.4028234663852886e38;

/**
 * The Qwen2 decoder as one ONNX graph with a KV cache, in the layout transformers.js and the
 * SDK's ONNX Runtime backend load:
 * inputs `input_ids`, `attention_mask` (past + new), `position_ids`,
 * `past_key_values.N.key|value` [batch, kv heads, past, head dim];
 * outputs `logits` [batch, sequence, vocab] and `present.N.key|value`.
 * Opset 17, float32 throughout.
 */
export function exportQwen2Onnx(
  architecture: Qwen2Architecture,
  weights: Qwen2Weights,
): ModelProto {
  const { model, deferred } = qwen2OnnxWithDeferredWeights(architecture, weights);
  for (const [tensor, { bytes }] of deferred) tensor.rawData = bytes() as Uint8Array<ArrayBuffer>;
  return model;
}

/**
 * `exportQwen2Onnx` for a writer: the transposed linear weights are left out of the model, their
 * initializers empty, and made one at a time from `deferred` as each is written. The other
 * initializers are views of `weights`. So writing a model holds its weights once, not twice.
 */
export function qwen2OnnxWithDeferredWeights(
  architecture: Qwen2Architecture,
  weights: Qwen2Weights,
): { model: ModelProto; deferred: Map<TensorProto, TensorBytes> } {
  checkQwen2Weights(weights, architecture, 'weights');
  const graph = createGraphBuilder('qwen2');
  const { hiddenSize, heads, kvHeads, headDim, vocabSize } = architecture;
  const weight = (name: string) => weights.get(name) as Float32Array;
  const transposed = new Map<string, TensorBytes>();
  // Hugging Face stores linear weights as [out, in]; MatMul wants [in, out].
  const linear = (
    input: string,
    name: string,
    inFeatures: number,
    outFeatures: number,
    bias?: string,
  ) => {
    transposed.set(name, {
      byteLength: inFeatures * outFeatures * Float32Array.BYTES_PER_ELEMENT,
      bytes: () => {
        const data = transpose(weight(name), outFeatures, inFeatures);
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      },
    });
    const projected = graph.op('MatMul', [
      input,
      graph.initializer(name, new Float32Array(0), [inFeatures, outFeatures]),
    ]);
    return bias === undefined
      ? projected
      : graph.op('Add', [projected, graph.initializer(bias, weight(bias), [outFeatures])]);
  };

  graph.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  graph.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  graph.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  for (let layer = 0; layer < architecture.layers; layer++) {
    for (const kind of ['key', 'value']) {
      graph.input(`past_key_values.${layer}.${kind}`, 'float32', [
        'batch_size',
        kvHeads,
        'past_sequence_length',
        headDim,
      ]);
    }
  }

  const rope = rotaryTables(graph, architecture);
  const maskBias = attentionBias(graph);
  const embeddings = graph.initializer(
    'model.embed_tokens.weight',
    weight('model.embed_tokens.weight'),
    [vocabSize, hiddenSize],
  );
  let hidden = graph.op('Gather', [embeddings, 'input_ids'], { axis: 0 });

  for (let layer = 0; layer < architecture.layers; layer++) {
    const prefix = `model.layers.${layer}`;
    const normed = rmsNorm(graph, hidden, `${prefix}.input_layernorm.weight`, weight, architecture);
    const headsOf = (projection: string, count: number) => {
      const flat = linear(
        normed,
        `${prefix}.self_attn.${projection}.weight`,
        hiddenSize,
        count * headDim,
        `${prefix}.self_attn.${projection}.bias`,
      );
      const split = graph.op('Reshape', [flat, graph.int64s([0, 0, count, headDim])]);
      return graph.op('Transpose', [split], { perm: [0, 2, 1, 3] });
    };
    const query = applyRotary(graph, headsOf('q_proj', heads), rope, headDim);
    const key = applyRotary(graph, headsOf('k_proj', kvHeads), rope, headDim);
    const value = headsOf('v_proj', kvHeads);
    const presentKey = graph.op(
      'Concat',
      [`past_key_values.${layer}.key`, key],
      { axis: 2 },
      `present.${layer}.key`,
    );
    const presentValue = graph.op(
      'Concat',
      [`past_key_values.${layer}.value`, value],
      { axis: 2 },
      `present.${layer}.value`,
    );
    const keys = repeatKeyValue(graph, presentKey, heads / kvHeads, heads, headDim);
    const values = repeatKeyValue(graph, presentValue, heads / kvHeads, heads, headDim);

    const scores = graph.op('Mul', [
      graph.op('MatMul', [query, graph.op('Transpose', [keys], { perm: [0, 1, 3, 2] })]),
      graph.scalarFloat(1 / Math.sqrt(headDim)),
    ]);
    const probabilities = graph.op('Softmax', [graph.op('Add', [scores, maskBias])], { axis: -1 });
    const context = graph.op('Transpose', [graph.op('MatMul', [probabilities, values])], {
      perm: [0, 2, 1, 3],
    });
    const merged = graph.op('Reshape', [context, graph.int64s([0, 0, heads * headDim])]);
    hidden = graph.op('Add', [
      hidden,
      linear(merged, `${prefix}.self_attn.o_proj.weight`, heads * headDim, hiddenSize),
    ]);

    const normedForMlp = rmsNorm(
      graph,
      hidden,
      `${prefix}.post_attention_layernorm.weight`,
      weight,
      architecture,
    );
    const intermediate = architecture.intermediateSize;
    const gate = linear(normedForMlp, `${prefix}.mlp.gate_proj.weight`, hiddenSize, intermediate);
    const up = linear(normedForMlp, `${prefix}.mlp.up_proj.weight`, hiddenSize, intermediate);
    const activated = graph.op('Mul', [graph.op('Mul', [gate, graph.op('Sigmoid', [gate])]), up]);
    hidden = graph.op('Add', [
      hidden,
      linear(activated, `${prefix}.mlp.down_proj.weight`, intermediate, hiddenSize),
    ]);
  }

  const finalHidden = rmsNorm(graph, hidden, 'model.norm.weight', weight, architecture);
  // The output head reads [vocab, hidden] with transB, so tied weights are stored once.
  const head = architecture.tieWordEmbeddings
    ? embeddings
    : graph.initializer('lm_head.weight', weight('lm_head.weight'), [vocabSize, hiddenSize]);
  const rows = graph.op('Reshape', [finalHidden, graph.int64s([-1, hiddenSize])]);
  const logits2d = graph.op('Gemm', [rows, head], { transB: 1 });
  const outputShape = graph.op(
    'Concat',
    [
      graph.op('Slice', [graph.op('Shape', ['input_ids']), graph.int64s([0]), graph.int64s([2])]),
      graph.int64s([vocabSize]),
    ],
    { axis: 0 },
  );
  graph.op('Reshape', [logits2d, outputShape], undefined, 'logits');

  graph.output('logits', 'float32', ['batch_size', 'sequence_length', vocabSize]);
  for (let layer = 0; layer < architecture.layers; layer++) {
    for (const kind of ['key', 'value']) {
      graph.output(`present.${layer}.${kind}`, 'float32', [
        'batch_size',
        kvHeads,
        'total_sequence_length',
        headDim,
      ]);
    }
  }
  const model = graph.toModel({ opset: 17 });
  const deferred = new Map<TensorProto, TensorBytes>();
  for (const tensor of model.graph?.initializer ?? []) {
    const bytes = transposed.get(tensor.name);
    if (bytes !== undefined) deferred.set(tensor, bytes);
  }
  return { model, deferred };
}

function rmsNorm(
  graph: GraphBuilder,
  input: string,
  weightName: string,
  weight: (name: string) => Float32Array,
  architecture: Qwen2Architecture,
): string {
  const meanSquare = graph.op('ReduceMean', [graph.op('Mul', [input, input])], {
    axes: [-1],
    keepdims: 1,
  });
  const inverseRms = graph.op('Reciprocal', [
    graph.op('Sqrt', [graph.op('Add', [meanSquare, graph.scalarFloat(architecture.rmsNormEps)])]),
  ]);
  return graph.op('Mul', [
    graph.op('Mul', [input, inverseRms]),
    graph.initializer(weightName, weight(weightName), [architecture.hiddenSize]),
  ]);
}

// cos and sin of position × inverse frequency, [batch, 1, sequence, head dim], for rotate_half RoPE.
function rotaryTables(graph: GraphBuilder, architecture: Qwen2Architecture) {
  const half = architecture.headDim / 2;
  const inverseFrequency = new Float32Array(half);
  for (let index = 0; index < half; index++)
    inverseFrequency[index] = 1 / architecture.ropeTheta ** ((2 * index) / architecture.headDim);
  const positions = graph.op('Unsqueeze', [
    graph.op('Cast', ['position_ids'], { to: 1 }),
    graph.int64s([2]),
  ]);
  const frequencies = graph.op('Mul', [positions, graph.constant(inverseFrequency, [half])]);
  const angles = graph.op('Concat', [frequencies, frequencies], { axis: -1 });
  return {
    cos: graph.op('Unsqueeze', [graph.op('Cos', [angles]), graph.int64s([1])]),
    sin: graph.op('Unsqueeze', [graph.op('Sin', [angles]), graph.int64s([1])]),
  };
}

function applyRotary(
  graph: GraphBuilder,
  input: string,
  rope: { cos: string; sin: string },
  headDim: number,
): string {
  const half = headDim / 2;
  const first = graph.op('Slice', [
    input,
    graph.int64s([0]),
    graph.int64s([half]),
    graph.int64s([3]),
  ]);
  const second = graph.op('Slice', [
    input,
    graph.int64s([half]),
    graph.int64s([headDim]),
    graph.int64s([3]),
  ]);
  const rotated = graph.op('Concat', [graph.op('Neg', [second]), first], { axis: 3 });
  return graph.op('Add', [
    graph.op('Mul', [input, rope.cos]),
    graph.op('Mul', [rotated, rope.sin]),
  ]);
}

// 0 where a query may attend a key (causal, and the key not padding), the lowest float elsewhere:
// [batch, 1, sequence, total sequence].
function attentionBias(graph: GraphBuilder): string {
  const total = graph.op('Gather', [graph.op('Shape', ['attention_mask']), graph.int64s([1])], {
    axis: 0,
  });
  const sequence = graph.op('Gather', [graph.op('Shape', ['input_ids']), graph.int64s([1])], {
    axis: 0,
  });
  const scalar = (value: string) => graph.op('Squeeze', [value, graph.int64s([0])]);
  const keyPositions = graph.op('Range', [
    graph.constant(new BigInt64Array([0n]), []),
    scalar(total),
    graph.constant(new BigInt64Array([1n]), []),
  ]);
  const queryPositions = graph.op('Range', [
    scalar(graph.op('Sub', [total, sequence])),
    scalar(total),
    graph.constant(new BigInt64Array([1n]), []),
  ]);
  const causal = graph.op('LessOrEqual', [
    graph.op('Unsqueeze', [keyPositions, graph.int64s([0])]),
    graph.op('Unsqueeze', [queryPositions, graph.int64s([1])]),
  ]);
  const notPadding = graph.op('Unsqueeze', [
    graph.op('Cast', ['attention_mask'], { to: 9 }),
    graph.int64s([1, 2]),
  ]);
  const allowed = graph.op('And', [causal, notPadding]);
  return graph.op('Where', [allowed, graph.scalarFloat(0), graph.scalarFloat(maskedScore)]);
}

function repeatKeyValue(
  graph: GraphBuilder,
  input: string,
  repeats: number,
  heads: number,
  headDim: number,
): string {
  if (repeats === 1) return input;
  const expanded = graph.op('Expand', [
    graph.op('Unsqueeze', [input, graph.int64s([2])]),
    graph.int64s([1, 1, repeats, 1, 1]),
  ]);
  return graph.op('Reshape', [expanded, graph.int64s([0, heads, -1, headDim])]);
}
