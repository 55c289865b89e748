import type { Qwen2Architecture } from '../config/qwen2-architecture';
import { ModelFormatError } from '../errors/model-format-error';

/** Qwen2 weights by their Hugging Face names, as float32 in the Hugging Face layout ([out, in]). */
export type Qwen2Weights = ReadonlyMap<string, Float32Array>;

/** A weight a Qwen2 model of some architecture must have. */
export interface TensorSpec {
  /** Its Hugging Face name (`model.layers.0.self_attn.q_proj.weight`, …). */
  name: string;
  /** Its shape, in the Hugging Face layout. */
  shape: number[];
}

/** Every tensor of a Qwen2 checkpoint, in the order transformers writes them. */
export function qwen2TensorSpecs(architecture: Qwen2Architecture): TensorSpec[] {
  const { vocabSize, hiddenSize, intermediateSize, heads, kvHeads, headDim } = architecture;
  const specs: TensorSpec[] = [
    { name: 'model.embed_tokens.weight', shape: [vocabSize, hiddenSize] },
  ];
  for (let layer = 0; layer < architecture.layers; layer++) {
    const prefix = `model.layers.${layer}`;
    specs.push(
      { name: `${prefix}.input_layernorm.weight`, shape: [hiddenSize] },
      { name: `${prefix}.self_attn.q_proj.weight`, shape: [heads * headDim, hiddenSize] },
      { name: `${prefix}.self_attn.q_proj.bias`, shape: [heads * headDim] },
      { name: `${prefix}.self_attn.k_proj.weight`, shape: [kvHeads * headDim, hiddenSize] },
      { name: `${prefix}.self_attn.k_proj.bias`, shape: [kvHeads * headDim] },
      { name: `${prefix}.self_attn.v_proj.weight`, shape: [kvHeads * headDim, hiddenSize] },
      { name: `${prefix}.self_attn.v_proj.bias`, shape: [kvHeads * headDim] },
      { name: `${prefix}.self_attn.o_proj.weight`, shape: [hiddenSize, heads * headDim] },
      { name: `${prefix}.post_attention_layernorm.weight`, shape: [hiddenSize] },
      { name: `${prefix}.mlp.gate_proj.weight`, shape: [intermediateSize, hiddenSize] },
      { name: `${prefix}.mlp.up_proj.weight`, shape: [intermediateSize, hiddenSize] },
      { name: `${prefix}.mlp.down_proj.weight`, shape: [hiddenSize, intermediateSize] },
    );
  }
  specs.push({ name: 'model.norm.weight', shape: [hiddenSize] });
  if (!architecture.tieWordEmbeddings)
    specs.push({ name: 'lm_head.weight', shape: [vocabSize, hiddenSize] });
  return specs;
}

/** Checks that every tensor is present with the size its shape needs. */
export function checkQwen2Weights(
  weights: Qwen2Weights,
  architecture: Qwen2Architecture,
  source: string,
): void {
  for (const { name, shape } of qwen2TensorSpecs(architecture)) {
    const data = weights.get(name);
    const size = shape.reduce((product, dim) => product * dim, 1);
    if (data === undefined)
      throw new ModelFormatError({
        file: source,
        format: 'Qwen2 checkpoint',
        reason: `tensor "${name}" is missing`,
      });
    if (data.length !== size) {
      throw new ModelFormatError({
        file: source,
        format: 'Qwen2 checkpoint',
        reason: `tensor "${name}" has ${data.length} values; shape [${shape}] needs ${size}`,
      });
    }
  }
}

/** A [rows, columns] matrix transposed to [columns, rows]. */
export function transpose(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++)
      out[column * rows + row] = matrix[row * columns + column] as number;
  }
  return out;
}
