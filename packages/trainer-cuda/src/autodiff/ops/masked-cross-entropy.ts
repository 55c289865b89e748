import type { OpDefinition } from '../op-definition';
import type { Tensor } from '../tensor';
import { onnxTypeCode } from './onnx-type-code';

/** The label of a position that is not trained on (Hugging Face's and PyTorch's `ignore_index`). */
export const ignoredLabel = -100;

/**
 * The summed cross-entropy of `logits` [N, V] against integer `labels` [N], skipping labels of
 * −100: one op with its own gradient, softmax − one-hot, so the backward pass never builds the
 * one-hot matrix. Outputs: the sum (a scalar), then the log-probabilities, the 0/1 weights of the
 * positions and their label indices, which the gradient reuses.
 */
export const maskedCrossEntropy: OpDefinition<undefined> = {
  name: 'MaskedCrossEntropy',
  forward: (emit, [logits, labels]) => {
    const scores = logits as Tensor;
    const targets = labels as Tensor;
    const [rows, vocabulary] = scores.shape as [number, number];
    const float = scores.type;
    const ignored = emit.constant(BigInt64Array.of(BigInt(ignoredLabel)), [], 'int64');
    const [skip] = emit.node('Equal', [targets, ignored], [{ shape: [rows], type: 'bool' }]);
    const [trained] = emit.node('Not', [skip as Tensor], [{ shape: [rows], type: 'bool' }]);
    const [weights] = emit.node('Cast', [trained as Tensor], [{ shape: [rows], type: float }], {
      to: onnxTypeCode[float],
    });
    const zero = emit.constant(BigInt64Array.of(0n), [], 'int64');
    const [safe] = emit.node(
      'Where',
      [skip as Tensor, zero, targets],
      [{ shape: [rows], type: 'int64' }],
    );
    const axis1 = emit.int64s([1]);
    const [indices] = emit.node(
      'Unsqueeze',
      [safe as Tensor, axis1],
      [{ shape: [rows, 1], type: 'int64' }],
    );
    const [logProbabilities] = emit.node(
      'LogSoftmax',
      [scores],
      [{ shape: [rows, vocabulary], type: float }],
      {
        axis: -1,
      },
    );
    const [picked] = emit.node(
      'GatherElements',
      [logProbabilities as Tensor, indices as Tensor],
      [{ shape: [rows, 1], type: float }],
      {
        axis: 1,
      },
    );
    const [column] = emit.node(
      'Unsqueeze',
      [weights as Tensor, axis1],
      [{ shape: [rows, 1], type: float }],
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
    return [loss as Tensor, logProbabilities as Tensor, column as Tensor, indices as Tensor];
  },
  // d(loss)/d(logits) = (softmax − one-hot(label)) × weight, for each row.
  gradient: (ops, { outputs: [, logProbabilities, column, indices], outputGradients: [g] }) => {
    const logp = logProbabilities as Tensor;
    const rows = logp.shape[0] as number;
    const probabilities = ops.exp(logp);
    const [atLabel] = ops.emitter.node(
      'GatherElements',
      [probabilities, indices as Tensor],
      [{ shape: [rows, 1], type: logp.type }],
      {
        axis: 1,
      },
    );
    const minusOne = ops.sub(atLabel as Tensor, ops.scalar(1, logp.type));
    const [difference] = ops.emitter.node(
      'ScatterElements',
      [probabilities, indices as Tensor, minusOne],
      [{ shape: logp.shape, type: logp.type }],
      { axis: 1 },
    );
    return [ops.mul(difference as Tensor, ops.mul(column as Tensor, g as Tensor)), undefined];
  },
  checks: [
    {
      name: 'rows with one not trained',
      inputs: [{ shape: [4, 6] }, { shape: [4], kind: 'labels', below: 6 }],
      attributes: undefined,
    },
  ],
};
