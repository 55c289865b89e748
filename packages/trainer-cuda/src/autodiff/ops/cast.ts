import type { ElementType } from '@s1/model-io';
import type { OpDefinition } from '../op-definition';
import type { Tensor } from '../tensor';
import { onnxTypeCode } from './onnx-type-code';

/** A change of float precision (float32 master weights to a float16 compute path, and back). */
export const cast: OpDefinition<{
  /** The element type cast to. */
  to: ElementType;
}> = {
  name: 'Cast',
  forward: (emit, [x], { to }) =>
    emit.node('Cast', [x as Tensor], [{ shape: (x as Tensor).shape, type: to }], {
      to: onnxTypeCode[to],
    }),
  gradient: (ops, { inputs: [x], outputGradients: [g] }) => [
    ops.cast(g as Tensor, (x as Tensor).type),
  ],
  // The check runs in float64, where only a cast to float64 keeps the finite differences exact.
  checks: [
    { name: 'to the same precision', inputs: [{ shape: [2, 3] }], attributes: { to: 'float64' } },
  ],
};
