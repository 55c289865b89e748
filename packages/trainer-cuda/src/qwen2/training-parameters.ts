import { type Qwen2Architecture, qwen2TensorSpecs } from '@s1/model-io';

/** One trained tensor: its Hugging Face name, its shape as the training graph holds it, and how it is treated. */
export interface TrainingParameter {
  /** Its Hugging Face name. */
  name: string;
  /** The shape in the training graph: linear weights as [in, out], so MatMul needs no transpose. */
  shape: number[];
  /** Linear weights are stored [out, in] by Hugging Face and [in, out] by the graph. */
  transposed: boolean;
  /** Weight decay applies: to every weight but biases and norm weights. */
  decay: boolean;
}

const isLinearWeight = (name: string) => name.endsWith('_proj.weight') || name === 'lm_head.weight';
const isNorm = (name: string) => name.endsWith('norm.weight');

/**
 * The parameters of a Qwen2 model in the order of its checkpoint. Weight decay follows Hugging
 * Face's grouping as s1 trains: every weight decays except biases and norm weights.
 */
export function trainingParameters(architecture: Qwen2Architecture): TrainingParameter[] {
  return qwen2TensorSpecs(architecture).map(({ name, shape }) => {
    const transposed = isLinearWeight(name);
    return {
      name,
      shape: transposed ? [shape[1] as number, shape[0] as number] : shape,
      transposed,
      decay: !name.endsWith('.bias') && !isNorm(name),
    };
  });
}
