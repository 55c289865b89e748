import type { Ops } from './ops';
import type { Tensor } from './tensor';
import type { RecomputableSegment, TapeEntry } from './traced-graph';

/**
 * Emits the segment's ops again, from its input, for the backward pass; returns each recomputed
 * value by the name of the value it stands for. Ops that do not depend on the input (on weights
 * alone) are not repeated.
 *
 * The recomputation reads the input through `input + (g₀² · −0)`, where g₀ is one element of the
 * gradient arriving at the segment's output. That is the input exactly (x + −0 = x for every x,
 * −0 included; a non-finite gradient turns it into NaN, which the divergence check stops on),
 * but it is a value that exists only once the backward pass has reached the segment, so ONNX
 * Runtime can neither run the recomputation early, holding its activations as long as the
 * forward's, nor merge it with the forward's nodes as a common subexpression.
 */
export function recomputeSegment(
  ops: Ops,
  tape: readonly TapeEntry[],
  segment: RecomputableSegment,
  outputGradient: Tensor,
): Map<string, Tensor> {
  const rank = outputGradient.shape.length;
  const first = ops.slice(outputGradient, {
    starts: Array(rank).fill(0),
    ends: Array(rank).fill(1),
    axes: [...Array(rank).keys()],
  });
  const negativeZero = ops.mul(ops.mul(first, first), ops.scalar(-0, outputGradient.type));
  const recomputed = new Map([[segment.input.name, ops.add(segment.input, negativeZero)]]);
  for (let index = segment.first; index < segment.end; index++) {
    const entry = tape[index] as TapeEntry;
    if (!entry.inputs.some((input) => recomputed.has(input.name))) continue;
    const inputs = entry.inputs.map((input) => recomputed.get(input.name) ?? input);
    const outputs = entry.op.forward(ops.emitter, inputs, entry.attributes);
    entry.outputs.forEach((output, position) => {
      recomputed.set(output.name, outputs[position] as Tensor);
    });
  }
  return recomputed;
}
