import type { ElementType } from '@s1/model-io';
import type { Emitter } from '../autodiff/op-definition';
import { ignoredLabel } from '../autodiff/ops/linear-cross-entropy';
import { onnxTypeCode } from '../autodiff/ops/onnx-type-code';
import type { Tensor } from '../autodiff/tensor';

/**
 * The label each position is trained to predict, flattened to [rows × positions]: the label of
 * the next position (`labels[:, 1:]`, then −100), as transformers shifts them for a causal LM.
 * Also the number of trained positions, as a float scalar.
 */
export function nextTokenLabels(
  emit: Emitter,
  labels: Tensor,
  float: ElementType,
): { targets: Tensor; trainedTokens: Tensor } {
  const [rows, positions] = labels.shape as [number, number];
  const [next] = emit.node(
    'Slice',
    [labels, emit.int64s([1]), emit.int64s([positions]), emit.int64s([1])],
    [{ shape: [rows, positions - 1], type: 'int64' }],
  );
  const [ignored] = emit.node(
    'ConstantOfShape',
    [emit.int64s([rows, 1])],
    [{ shape: [rows, 1], type: 'int64' }],
    {
      value: { tensor: BigInt64Array.of(BigInt(ignoredLabel)), dims: [1], elementType: 'int64' },
    },
  );
  const [shifted] = emit.node(
    'Concat',
    [next as Tensor, ignored as Tensor],
    [{ shape: [rows, positions], type: 'int64' }],
    {
      axis: 1,
    },
  );
  const size = rows * positions;
  const [targets] = emit.node(
    'Reshape',
    [shifted as Tensor, emit.int64s([size])],
    [{ shape: [size], type: 'int64' }],
  );
  const [skip] = emit.node(
    'Equal',
    [targets as Tensor, emit.constant(BigInt64Array.of(BigInt(ignoredLabel)), [], 'int64')],
    [{ shape: [size], type: 'bool' }],
  );
  const [trained] = emit.node('Not', [skip as Tensor], [{ shape: [size], type: 'bool' }]);
  const [weights] = emit.node('Cast', [trained as Tensor], [{ shape: [size], type: float }], {
    to: onnxTypeCode[float],
  });
  const [count] = emit.node('ReduceSum', [weights as Tensor], [{ shape: [], type: float }], {
    keepdims: 0,
  });
  return { targets: targets as Tensor, trainedTokens: count as Tensor };
}
