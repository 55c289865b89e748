import { createGraphBuilder } from '@s1/model-io';
import type { Tensor } from '../autodiff/tensor';
import { createTracedGraph, type TracedGraph } from '../autodiff/traced-graph';

/**
 * An ONNX `Loop` of a fixed number of iterations, built by `body`: it gets the iteration number
 * (an int64 scalar) and the carried values, and returns their next values and the values to
 * stack across iterations. The body is a traced graph of its own (its own tape, its own names)
 * that may read any value of the enclosing graph. Returns the final carried values and the
 * stacked ones ([iterations, …]).
 */
export function emitLoop(
  outer: TracedGraph,
  {
    name,
    iterations,
    carried,
    body,
  }: {
    name: string;
    iterations: number;
    carried: readonly Tensor[];
    body: (
      graph: TracedGraph,
      iteration: Tensor,
      carried: readonly Tensor[],
    ) => { carried: readonly Tensor[]; stacked: readonly Tensor[] };
  },
): { carried: Tensor[]; stacked: Tensor[] } {
  const graph = createTracedGraph(name, {
    builder: createGraphBuilder(name, { namePrefix: `${name}/` }),
  });
  const iteration = graph.input(`${name}/iteration`, [], 'int64');
  const condition = graph.input(`${name}/condition`, [], 'bool');
  const carriedIn = carried.map((value, index) =>
    graph.input(`${name}/carried_${index}`, value.shape, value.type),
  );
  const result = body(graph, iteration, carriedIn);
  graph.untraced(() => {
    graph.output(`${name}/condition_out`, condition);
    result.carried.forEach((value, index) => {
      graph.output(`${name}/carried_out_${index}`, value);
    });
    result.stacked.forEach((value, index) => {
      graph.output(`${name}/stacked_${index}`, value);
    });
  });
  const outputs = outer.emitter.node(
    'Loop',
    [
      outer.emitter.constant(BigInt64Array.of(BigInt(iterations)), [], 'int64'),
      outer.emitter.constant(Uint8Array.of(1), [], 'bool'),
      ...carried,
    ],
    [
      ...carried.map((value) => ({ shape: value.shape, type: value.type })),
      ...result.stacked.map((value) => ({ shape: [iterations, ...value.shape], type: value.type })),
    ],
    { body: { graph: graph.builder.toGraph() } },
  );
  return { carried: outputs.slice(0, carried.length), stacked: outputs.slice(carried.length) };
}
