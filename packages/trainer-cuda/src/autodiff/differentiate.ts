import { recomputeSegment } from './recompute-segment';
import type { Tensor } from './tensor';
import type { RecomputableSegment, TracedGraph } from './traced-graph';

/**
 * Options of {@link differentiate}.
 *
 * @inline
 */
export interface DifferentiateOptions {
  /** The gradient of `output`. @default 1 */
  seed?: Tensor | undefined;
  /**
   * Recompute the graph's segments (`graph.segment`) in the backward pass instead of keeping their
   * values from the forward: only each segment's input stays alive, at the cost of running the
   * segments' forward twice. Gradients are the same, bit for bit.
   */
  recompute?: boolean | undefined;
}

/**
 * Reverse-mode differentiation over the ops recorded on a traced graph: walks the tape backwards
 * from `output` (whose gradient is `seed`, 1 by default), applies each op's gradient rule, and
 * sums the gradients that meet at a value (an op that `accumulates` sums its own in). Only values
 * a parameter depends on get gradients. Returns the gradient of each parameter, by name; a
 * parameter the output does not depend on gets none.
 */
export function differentiate(
  graph: TracedGraph,
  output: Tensor,
  parameters: readonly Tensor[],
  { seed, recompute = false }: DifferentiateOptions = {},
): Map<string, Tensor> {
  const dependsOnParameters = new Set(parameters.map((parameter) => parameter.name));
  for (const entry of graph.tape) {
    if (entry.inputs.some((input) => dependsOnParameters.has(input.name))) {
      for (const produced of entry.outputs) dependsOnParameters.add(produced.name);
    }
  }
  return graph.untraced(() => {
    const { ops } = graph;
    const gradients = new Map<string, Tensor>([[output.name, seed ?? ops.scalar(1, output.type)]]);
    const segmentEndingAt = new Map<number, RecomputableSegment>(
      recompute ? graph.segments.map((segment) => [segment.end - 1, segment]) : [],
    );
    // The values of the segment being walked, recomputed; the forward's values elsewhere.
    let recomputed = new Map<string, Tensor>();
    const current = (value: Tensor) => recomputed.get(value.name) ?? value;
    for (let index = graph.tape.length - 1; index >= 0; index--) {
      const entry = graph.tape[index] as (typeof graph.tape)[number];
      const segment = segmentEndingAt.get(index);
      if (segment !== undefined) {
        const arriving = gradients.get(segment.output.name);
        recomputed =
          arriving === undefined ? new Map() : recomputeSegment(ops, graph.tape, segment, arriving);
      }
      const outputGradients = entry.outputs.map((produced) => gradients.get(produced.name));
      if (outputGradients.every((gradient) => gradient === undefined)) continue;
      const needsGradient = entry.inputs.map((input) => dependsOnParameters.has(input.name));
      if (!needsGradient.includes(true)) continue;
      const accumulated = entry.inputs.map((input) => gradients.get(input.name));
      const inputGradients = entry.op.gradient(ops, {
        inputs: entry.inputs.map(current),
        outputs: entry.outputs.map(current),
        outputGradients,
        needsGradient,
        accumulated,
        attributes: entry.attributes,
      });
      entry.inputs.forEach((input, position) => {
        const gradient = inputGradients[position];
        if (gradient === undefined || !needsGradient[position]) return;
        // Read afresh: an input used twice by one op (x · x) gets both of its gradients.
        const earlier = gradients.get(input.name);
        const sum =
          earlier === undefined || entry.op.accumulates ? gradient : ops.add(earlier, gradient);
        gradients.set(input.name, sum);
      });
    }
    const byParameter = new Map<string, Tensor>();
    for (const parameter of parameters) {
      const gradient = gradients.get(parameter.name);
      if (gradient !== undefined) byParameter.set(parameter.name, gradient);
    }
    return byParameter;
  });
}
