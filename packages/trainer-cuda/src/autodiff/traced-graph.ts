import { createGraphBuilder, type ElementType, type GraphBuilder } from '@s1/model-io';
import type { Emitter, OpDefinition } from './op-definition';
import { type Apply, createOps, type Ops } from './ops';
import type { Tensor } from './tensor';

/** One application of a differentiable op, as the backward pass reads it. */
export interface TapeEntry {
  /** The op applied. */
  // biome-ignore lint/suspicious/noExplicitAny: the tape holds ops of every attribute type
  op: OpDefinition<any>;
  /** Its inputs. */
  inputs: readonly Tensor[];
  /** Its outputs. */
  outputs: readonly Tensor[];
  /** Its attributes. */
  attributes: unknown;
}

/**
 * A stretch of the tape, `tape[first]` to `tape[end - 1]`, that computes `output` from `input`
 * (and values made before it): the backward pass may recompute it instead of keeping its values.
 *
 * @inline
 */
export interface RecomputableSegment {
  /** Index of its first tape entry. */
  first: number;
  /** Index one past its last tape entry. */
  end: number;
  /** The value it starts from. */
  input: Tensor;
  /** The value it computes. */
  output: Tensor;
}

/**
 * A graph under construction that records the differentiable ops applied to it; see {@link
 * createTracedGraph}.
 */
export interface TracedGraph {
  /** The graph's name. */
  readonly name: string;
  /** The builder the nodes are emitted into. */
  readonly builder: GraphBuilder;
  /** Emits nodes without recording them. */
  readonly emitter: Emitter;
  /** The ops; each differentiable one is recorded on the tape while recording is on. */
  readonly ops: Ops;
  /** Applies one op of the table (recorded like the ones of `ops`). */
  readonly apply: Apply;
  /** The differentiable ops applied so far, in order. */
  readonly tape: readonly TapeEntry[];
  /** The segments recorded by `segment`, in order. */
  readonly segments: readonly RecomputableSegment[];
  /**
   * Records `build(input)` (a decoder layer, say) as a segment that `differentiate` with
   * `recompute` runs again in the backward pass, so its activations need not be kept until then.
   */
  segment(input: Tensor, build: (input: Tensor) => Tensor): Tensor;
  /** A graph input. */
  input(name: string, shape: readonly number[], type: ElementType): Tensor;
  /** Marks a value as a graph output under `name`. */
  output(name: string, tensor: Tensor): Tensor;
  /** Runs `build` without recording: the backward pass, and values no gradient flows through. */
  untraced<Result>(build: () => Result): Result;
}

/**
 * A graph under construction that records the differentiable ops applied to it, in order, so
 * `differentiate` can walk them backwards. Nodes are emitted into a `createGraphBuilder` graph.
 */
export function createTracedGraph(
  name: string,
  { builder = createGraphBuilder(name) }: { builder?: GraphBuilder } = {},
): TracedGraph {
  const tape: TapeEntry[] = [];
  const segments: RecomputableSegment[] = [];
  let recording = true;
  const emitter: Emitter = {
    node(opType, inputs, outputs, attributes) {
      const names = builder.node(
        opType,
        inputs.map((input) => (typeof input === 'string' ? input : input.name)),
        { outputs: outputs.length, attributes },
      );
      return outputs.map((output, index) => ({
        name: names[index] as string,
        shape: [...output.shape],
        type: output.type,
      }));
    },
    constant(data, shape, type) {
      return { name: builder.constant(data, shape, type), shape: [...shape], type };
    },
    int64s: (values) => ({ name: builder.int64s(values), shape: [values.length], type: 'int64' }),
  };
  const apply: Apply = (op, inputs, attributes) => {
    const outputs = op.forward(emitter, inputs, attributes);
    if (recording) tape.push({ op, inputs, outputs, attributes });
    return outputs;
  };
  return {
    name,
    builder,
    emitter,
    ops: createOps(emitter, apply),
    apply,
    tape,
    segments,
    segment(input, build) {
      const first = tape.length;
      const output = build(input);
      if (recording) segments.push({ first, end: tape.length, input, output });
      return output;
    },
    input: (inputName, shape, type) => ({
      name: builder.input(inputName, type, shape),
      shape: [...shape],
      type,
    }),
    output: (outputName, tensor) => {
      builder.node('Identity', [tensor.name], { outputs: [outputName] });
      builder.output(outputName, tensor.type, tensor.shape);
      return { ...tensor, name: outputName };
    },
    untraced(build) {
      const previous = recording;
      recording = false;
      try {
        return build();
      } finally {
        recording = previous;
      }
    },
  };
}
