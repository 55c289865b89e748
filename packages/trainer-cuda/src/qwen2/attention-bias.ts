import type { ElementType } from '@s1/model-io';
import type { Emitter } from '../autodiff/op-definition';
import { floatData } from '../autodiff/ops';
import type { Tensor } from '../autodiff/tensor';

// Added to the scores of keys a query may not see: finite, so a padding row stays defined
// (its loss is not counted and no gradient flows from it).
const hiddenScore = -1e9;

/**
 * The additive attention mask [rows, 1, positions, positions] of a batch: a query sees itself and
 * the earlier tokens of its own sequence (segment), never padding (segment 0). Packed sequences
 * therefore attend block-diagonally, as if each were alone.
 */
export function attentionBias(emit: Emitter, segmentIds: Tensor, float: ElementType): Tensor {
  const [rows, positions] = segmentIds.shape as [number, number];
  const square = [rows, positions, positions];
  const [queries] = emit.node(
    'Unsqueeze',
    [segmentIds, emit.int64s([2])],
    [{ shape: [rows, positions, 1], type: 'int64' }],
  );
  const [keys] = emit.node(
    'Unsqueeze',
    [segmentIds, emit.int64s([1])],
    [{ shape: [rows, 1, positions], type: 'int64' }],
  );
  const [sameSequence] = emit.node(
    'Equal',
    [queries as Tensor, keys as Tensor],
    [{ shape: square, type: 'bool' }],
  );
  const [realKey] = emit.node(
    'Greater',
    [keys as Tensor, emit.constant(BigInt64Array.of(0n), [], 'int64')],
    [{ shape: [rows, 1, positions], type: 'bool' }],
  );
  const causal = new Uint8Array(positions * positions);
  for (let query = 0; query < positions; query++)
    causal.fill(1, query * positions, query * positions + query + 1);
  const [visibleInRow] = emit.node(
    'And',
    [sameSequence as Tensor, realKey as Tensor],
    [{ shape: square, type: 'bool' }],
  );
  const [visible] = emit.node(
    'And',
    [visibleInRow as Tensor, emit.constant(causal, [positions, positions], 'bool')],
    [{ shape: square, type: 'bool' }],
  );
  const [bias] = emit.node(
    'Where',
    [
      visible as Tensor,
      emit.constant(floatData([0], float), [], float),
      emit.constant(floatData([hiddenScore], float), [], float),
    ],
    [{ shape: square, type: float }],
  );
  return emit.node(
    'Unsqueeze',
    [bias as Tensor, emit.int64s([1])],
    [{ shape: [rows, 1, positions, positions], type: float }],
  )[0] as Tensor;
}
