import type { ElementType } from '@s1/model-io';
import type { OpDefinition } from '../op-definition';
import type { Tensor } from '../tensor';
import { onnxTypeCode } from './onnx-type-code';

/** The label of a position that is not trained on (Hugging Face's and PyTorch's `ignore_index`). */
export const ignoredLabel = -100;

/** Where the log-softmax and the loss are computed: float32 for half-precision inputs. */
export function lossPrecision(compute: ElementType): ElementType {
  return compute === 'float16' || compute === 'bfloat16' ? 'float32' : compute;
}

/**
 * The attribute of the linear cross-entropy: the layout of its weight.
 *
 * @inline
 */
export interface LinearCrossEntropyAttributes {
  /**
   * `in-out`: the weight is [hidden, vocabulary] (an untied output head, as the training graph
   * stores it); `out-in`: [vocabulary, hidden] (the embedding, when the head is tied to it).
   */
  weightLayout: 'in-out' | 'out-in';
}

/**
 * The output head and the summed cross-entropy in one op: logits = hidden · weight, then the
 * cross-entropy against `labels` [N] (−100: not trained), summed. Its gradient never scales the
 * [N, vocabulary] matrix: the rows' weights go on the [N, hidden] side, and the weight's gradient
 * comes out in the weight's own layout. Outputs: the sum, then the logits, the 0/1 weights of the
 * rows and their label indices, which the gradient reuses. Half-precision inputs keep the product
 * in half precision and score it in float32, as transformers upcasts logits before the loss.
 */
export const linearCrossEntropy: OpDefinition<LinearCrossEntropyAttributes> = {
  name: 'LinearCrossEntropy',
  forward: (emit, [hidden, weight, labels], { weightLayout }) => {
    const rows = (hidden as Tensor).shape[0] as number;
    const compute = (hidden as Tensor).type;
    const float = lossPrecision(compute);
    const vocabulary = (weight as Tensor).shape[weightLayout === 'in-out' ? 1 : 0] as number;
    const head =
      weightLayout === 'in-out'
        ? (weight as Tensor)
        : (emit.node(
            'Transpose',
            [weight as Tensor],
            [{ shape: [(weight as Tensor).shape[1] as number, vocabulary], type: compute }],
            {
              perm: [1, 0],
            },
          )[0] as Tensor);
    const [product] = emit.node(
      'MatMul',
      [hidden as Tensor, head],
      [{ shape: [rows, vocabulary], type: compute }],
    );
    const logits =
      compute === float
        ? (product as Tensor)
        : (emit.node('Cast', [product as Tensor], [{ shape: [rows, vocabulary], type: float }], {
            to: onnxTypeCode[float],
          })[0] as Tensor);
    const [skip] = emit.node(
      'Equal',
      [labels as Tensor, emit.constant(BigInt64Array.of(BigInt(ignoredLabel)), [], 'int64')],
      [{ shape: [rows], type: 'bool' }],
    );
    const [trained] = emit.node('Not', [skip as Tensor], [{ shape: [rows], type: 'bool' }]);
    const [weights] = emit.node('Cast', [trained as Tensor], [{ shape: [rows], type: float }], {
      to: onnxTypeCode[float],
    });
    const [column] = emit.node(
      'Unsqueeze',
      [weights as Tensor, emit.int64s([1])],
      [{ shape: [rows, 1], type: float }],
    );
    const [safe] = emit.node(
      'Where',
      [skip as Tensor, emit.constant(BigInt64Array.of(0n), [], 'int64'), labels as Tensor],
      [{ shape: [rows], type: 'int64' }],
    );
    const [indices] = emit.node(
      'Unsqueeze',
      [safe as Tensor, emit.int64s([1])],
      [{ shape: [rows, 1], type: 'int64' }],
    );
    const [logProbabilities] = emit.node(
      'LogSoftmax',
      [logits],
      [{ shape: [rows, vocabulary], type: float }],
      { axis: -1 },
    );
    const [picked] = emit.node(
      'GatherElements',
      [logProbabilities as Tensor, indices as Tensor],
      [{ shape: [rows, 1], type: float }],
      {
        axis: 1,
      },
    );
    const [kept] = emit.node(
      'Mul',
      [picked as Tensor, column as Tensor],
      [{ shape: [rows, 1], type: float }],
    );
    const [total] = emit.node('ReduceSum', [kept as Tensor], [{ shape: [], type: float }], {
      keepdims: 0,
    });
    const [loss] = emit.node('Neg', [total as Tensor], [{ shape: [], type: float }]);
    return [loss as Tensor, logits, column as Tensor, indices as Tensor];
  },
  // With D = softmax(logits) − one-hot(labels) and s = row weights × g:
  // d hidden = s ⊙ (D · headᵀ), d head = (s ⊙ hidden)ᵀ · D, [vocabulary, hidden] as Dᵀ · (s ⊙ hidden).
  gradient: (
    ops,
    {
      inputs: [hidden, weight],
      outputs: [, logits, column, indices],
      outputGradients: [g],
      needsGradient,
      attributes,
    },
  ) => {
    const scores = logits as Tensor;
    const [rows, vocabulary] = scores.shape as [number, number];
    const probabilities = ops.softmax(scores, -1);
    const [atLabel] = ops.emitter.node(
      'GatherElements',
      [probabilities, indices as Tensor],
      [{ shape: [rows, 1], type: scores.type }],
      {
        axis: 1,
      },
    );
    const [difference] = ops.emitter.node(
      'ScatterElements',
      [probabilities, indices as Tensor, ops.sub(atLabel as Tensor, ops.scalar(1, scores.type))],
      [{ shape: [rows, vocabulary], type: scores.type }],
      { axis: 1 },
    );
    // The matrix products run in the inputs' precision, as the forward's did.
    const compute = (hidden as Tensor).type;
    const d = ops.cast(difference as Tensor, compute);
    const scale = ops.cast(ops.mul(column as Tensor, g as Tensor), compute);
    const inOut = attributes.weightLayout === 'in-out';
    const gradHidden = needsGradient[0]
      ? ops.mul(
          ops.matMul(d, inOut ? ops.transpose(weight as Tensor, [1, 0]) : (weight as Tensor)),
          scale,
        )
      : undefined;
    let gradWeight: Tensor | undefined;
    if (needsGradient[1]) {
      const scaled = ops.mul(hidden as Tensor, scale);
      gradWeight = inOut
        ? ops.matMul(ops.transpose(scaled, [1, 0]), d)
        : ops.matMul(ops.transpose(d, [1, 0]), scaled);
    }
    return [gradHidden, gradWeight, undefined];
  },
  checks: [
    {
      name: 'an untied head',
      inputs: [{ shape: [4, 3] }, { shape: [3, 6] }, { shape: [4], kind: 'labels', below: 6 }],
      attributes: { weightLayout: 'in-out' },
    },
    {
      name: 'a head tied to the embedding',
      inputs: [{ shape: [4, 3] }, { shape: [6, 3] }, { shape: [4], kind: 'labels', below: 6 }],
      attributes: { weightLayout: 'out-in' },
    },
  ],
};
