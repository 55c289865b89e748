import { create } from '@bufbuild/protobuf';
import {
  type AttributeProto,
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  type GraphProto,
  GraphProtoSchema,
  type ModelProto,
  ModelProtoSchema,
  type NodeProto,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  type TensorProto,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  type ValueInfoProto,
  ValueInfoProtoSchema,
} from 'onnx-buf';

/** The ONNX tensor element types the builder writes. */
export type ElementType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int64'
  | 'int32'
  | 'bool';
/** A dimension: a size, or a symbolic name for a size known at run time. */
export type Dimension = number | string;
/** Tensor data; float16 and bfloat16 values are their bits in a Uint16Array. */
export type TensorData =
  | Float32Array
  | Float64Array
  | Uint16Array
  | BigInt64Array
  | Int32Array
  | Uint8Array;
/** A node attribute: a number, a list of numbers, a string, a tensor or a subgraph. */
export type AttributeValue =
  | number
  | readonly number[]
  | string
  | {
      /** The tensor's data. */
      tensor: TensorData;
      /** Its shape. */
      dims: readonly number[];
      /** Its element type. @default from the typed array */
      elementType?: ElementType;
    }
  | {
      /** A subgraph, from a builder's `toGraph()`. */
      graph: GraphProto;
    };

const elementTypes: Record<ElementType, TensorProto_DataType> = {
  float32: TensorProto_DataType.FLOAT,
  float64: TensorProto_DataType.DOUBLE,
  float16: TensorProto_DataType.FLOAT16,
  bfloat16: TensorProto_DataType.BFLOAT16,
  int64: TensorProto_DataType.INT64,
  int32: TensorProto_DataType.INT32,
  bool: TensorProto_DataType.BOOL,
};

/**
 * A small typed builder for ONNX graphs: declare inputs and outputs, add initializers and nodes;
 * every node output gets a fresh name unless one is given. Integer-valued attributes are ints;
 * attributes named in `floatAttributes` (or non-integers) are floats. A subgraph (the body of a
 * `Loop`) is a builder of its own, turned into a graph attribute with `toGraph()`; names of the
 * outer graph it reads need no declaration, and `namePrefix` keeps its fresh names apart.
 */
export function createGraphBuilder(graphName: string, { namePrefix = '' } = {}) {
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const inputs: ValueInfoProto[] = [];
  const outputs: ValueInfoProto[] = [];
  const constants = new Map<string, string>();
  let counter = 0;
  const freshName = (hint: string) => `${namePrefix}${hint}_${counter++}`;

  const tensor = (
    name: string,
    data: TensorData,
    dims: readonly number[],
    elementType?: ElementType,
  ): TensorProto =>
    create(TensorProtoSchema, {
      name,
      dims: dims.map(BigInt),
      dataType: elementTypes[elementType ?? elementTypeOf(data)],
      rawData: new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength),
    });

  const builder = {
    /** Declares a graph input; returns its name. */
    input(name: string, elementType: ElementType, dims: readonly Dimension[]): string {
      inputs.push(valueInfo(name, elementType, dims));
      return name;
    },
    /** Declares a graph output (a value some node produces); returns its name. */
    output(name: string, elementType: ElementType, dims: readonly Dimension[]): string {
      outputs.push(valueInfo(name, elementType, dims));
      return name;
    },
    /** A named weight. */
    initializer(
      name: string,
      data: TensorData,
      dims: readonly number[],
      elementType?: ElementType,
    ): string {
      initializers.push(tensor(name, data, dims, elementType));
      return name;
    },
    /** A constant, shared by every use of the same values. */
    constant(data: TensorData, dims: readonly number[], elementType?: ElementType): string {
      // −0 is its own constant (String(−0) is '0'): x + −0 is x exactly, x + 0 is not for x = −0.
      const values = Array.from(data as ArrayLike<number | bigint>, (value) =>
        Object.is(value, -0) ? '-0' : String(value),
      );
      const key = `${elementType ?? elementTypeOf(data)}:${dims.join('x')}:${values.join(',')}`;
      const existing = constants.get(key);
      if (existing !== undefined) return existing;
      const name = freshName('const');
      initializers.push(tensor(name, data, dims, elementType));
      constants.set(key, name);
      return name;
    },
    /** A constant int64 vector (shapes, axes, indices). */
    int64s(values: readonly number[]): string {
      return builder.constant(BigInt64Array.from(values.map(BigInt)), [values.length]);
    },
    /** A constant float32 scalar. */
    scalarFloat(value: number): string {
      return builder.constant(new Float32Array([value]), []);
    },
    /** Adds a node and returns its output names. */
    node(
      opType: string,
      nodeInputs: readonly string[],
      options: {
        outputs?: number | readonly string[];
        attributes?: Record<string, AttributeValue>;
        floatAttributes?: readonly string[];
      } = {},
    ): string[] {
      const outputNames =
        typeof options.outputs === 'object'
          ? [...options.outputs]
          : Array.from({ length: options.outputs ?? 1 }, () => freshName(opType));
      nodes.push(
        create(NodeProtoSchema, {
          opType,
          name: freshName(`${opType}_node`),
          input: [...nodeInputs],
          output: outputNames,
          attribute: Object.entries(options.attributes ?? {}).map(([name, value]) =>
            attribute(name, value, options.floatAttributes?.includes(name) ?? false),
          ),
        }),
      );
      return outputNames;
    },
    /** Adds a node with one output and returns its name. */
    op(
      opType: string,
      nodeInputs: readonly string[],
      attributes?: Record<string, AttributeValue>,
      output?: string,
    ): string {
      return builder.node(opType, nodeInputs, {
        attributes,
        outputs: output === undefined ? 1 : [output],
      })[0] as string;
    },
    /** The graph alone, for a graph attribute (the body of a `Loop`). */
    toGraph(): GraphProto {
      return create(GraphProtoSchema, {
        name: graphName,
        node: nodes,
        initializer: initializers,
        input: inputs,
        output: outputs,
      });
    },
    /** The model: the graph with IR version 8 and the default opset (17 unless given). */
    toModel({
      opset = 17,
      producer = '@s1/model-io',
    }: {
      opset?: number;
      producer?: string;
    } = {}): ModelProto {
      return create(ModelProtoSchema, {
        irVersion: 8n,
        producerName: producer,
        opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
        graph: builder.toGraph(),
      });
    },
  };
  return builder;

  function attribute(name: string, value: AttributeValue, asFloat: boolean): AttributeProto {
    if (typeof value === 'string') {
      return create(AttributeProtoSchema, {
        name,
        type: AttributeProto_AttributeType.STRING,
        s: new TextEncoder().encode(value),
      });
    }
    if (typeof value === 'number') {
      return Number.isInteger(value) && !asFloat
        ? create(AttributeProtoSchema, {
            name,
            type: AttributeProto_AttributeType.INT,
            i: BigInt(value),
          })
        : create(AttributeProtoSchema, {
            name,
            type: AttributeProto_AttributeType.FLOAT,
            f: value,
          });
    }
    if ('graph' in value) {
      return create(AttributeProtoSchema, {
        name,
        type: AttributeProto_AttributeType.GRAPH,
        g: value.graph,
      });
    }
    if ('tensor' in value) {
      return create(AttributeProtoSchema, {
        name,
        type: AttributeProto_AttributeType.TENSOR,
        t: tensor(name, value.tensor, value.dims, value.elementType),
      });
    }
    return asFloat
      ? create(AttributeProtoSchema, {
          name,
          type: AttributeProto_AttributeType.FLOATS,
          floats: [...value],
        })
      : create(AttributeProtoSchema, {
          name,
          type: AttributeProto_AttributeType.INTS,
          ints: value.map(BigInt),
        });
  }
}

/** The builder {@link createGraphBuilder} returns. */
export type GraphBuilder = ReturnType<typeof createGraphBuilder>;

function elementTypeOf(data: TensorData): ElementType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Uint16Array) return 'float16';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

function valueInfo(
  name: string,
  elementType: ElementType,
  dims: readonly Dimension[],
): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: {
        case: 'tensorType',
        value: create(TypeProto_TensorSchema, {
          elemType: elementTypes[elementType],
          shape: create(TensorShapeProtoSchema, {
            dim: dims.map((dim) =>
              create(TensorShapeProto_DimensionSchema, {
                value:
                  typeof dim === 'number'
                    ? { case: 'dimValue', value: BigInt(dim) }
                    : { case: 'dimParam', value: dim },
              }),
            ),
          }),
        }),
      },
    }),
  });
}
