import type { ElementType, Qwen2Architecture } from '@s1/model-io';
import type { Emitter } from '../autodiff/op-definition';
import { floatData } from '../autodiff/ops';
import { onnxTypeCode } from '../autodiff/ops/onnx-type-code';
import type { Tensor } from '../autodiff/tensor';

/**
 * The rotary embedding's cos and sin [rows, 1, positions, head dim] at each token's position, as
 * transformers' Qwen2 computes them: angle = position × θ^(−2i/d), the halves repeated.
 */
export function rotaryTables(
  emit: Emitter,
  architecture: Qwen2Architecture,
  positionIds: Tensor,
  float: ElementType,
): { cos: Tensor; sin: Tensor } {
  const [rows, positions] = positionIds.shape as [number, number];
  const { headDim, ropeTheta } = architecture;
  const half = headDim / 2;
  const frequencies = Array.from(
    { length: half },
    (_, index) => ropeTheta ** (-(2 * index) / headDim),
  );
  const [position] = emit.node('Cast', [positionIds], [{ shape: [rows, positions], type: float }], {
    to: onnxTypeCode[float],
  });
  const [column] = emit.node(
    'Unsqueeze',
    [position as Tensor, emit.int64s([2])],
    [{ shape: [rows, positions, 1], type: float }],
  );
  const [angles] = emit.node(
    'Mul',
    [column as Tensor, emit.constant(floatData(frequencies, float), [half], float)],
    [{ shape: [rows, positions, half], type: float }],
  );
  const [both] = emit.node(
    'Concat',
    [angles as Tensor, angles as Tensor],
    [{ shape: [rows, positions, headDim], type: float }],
    {
      axis: -1,
    },
  );
  const table = (op: 'Cos' | 'Sin') => {
    const [values] = emit.node(
      op,
      [both as Tensor],
      [{ shape: [rows, positions, headDim], type: float }],
    );
    return emit.node(
      'Unsqueeze',
      [values as Tensor, emit.int64s([1])],
      [{ shape: [rows, 1, positions, headDim], type: float }],
    )[0] as Tensor;
  };
  return { cos: table('Cos'), sin: table('Sin') };
}
