import { type AttributeProto, type NodeProto, TensorProto_DataType } from 'onnx-buf';

/** An element type as ONNX names it (`float`, `float16`, `int64`, `bool`); OperatorKernels.md writes `tensor(float)`. */
export type ElementTypeName = string;

/** The name of an ONNX TensorProto.DataType code; undefined for UNDEFINED and unknown codes. */
export function elementTypeName(dataType: number): ElementTypeName | undefined {
  if (dataType === TensorProto_DataType.UNDEFINED) return undefined;
  return TensorProto_DataType[dataType]?.toLowerCase();
}

/** A node's output element types from its input element types (undefined where unknown). */
export type ElementTypeRule = (
  inputs: readonly (ElementTypeName | undefined)[],
  node: NodeProto,
) => (ElementTypeName | undefined)[];

const likeInput =
  (index: number): ElementTypeRule =>
  (inputs, node) =>
    node.output.map(() => inputs[index]);
const always =
  (type: ElementTypeName): ElementTypeRule =>
  (_, node) =>
    node.output.map(() => type);
const attribute = (node: NodeProto, name: string): AttributeProto | undefined =>
  node.attribute.find((candidate) => candidate.name === name);

const rulesByOp = (ops: readonly string[], rule: ElementTypeRule) =>
  Object.fromEntries(ops.map((op) => [op, rule]));

// The ai.onnx ops training graphs use. An op missing here is reported, never guessed: add it with
// the rule its ONNX schema gives (the type constraint its outputs share with an input, or a fixed type).
const rules: Record<string, ElementTypeRule> = {
  ...rulesByOp(
    [
      'Abs',
      'Add',
      'Sub',
      'Mul',
      'Div',
      'Neg',
      'Pow',
      'Sqrt',
      'Reciprocal',
      'Exp',
      'Log',
      'Tanh',
      'Sigmoid',
      'Relu',
      'Erf',
      'Sin',
      'Cos',
      'Softmax',
      'LogSoftmax',
      'ReduceSum',
      'ReduceMean',
      'ReduceMax',
      'ReduceMin',
      'ReduceSumSquare',
      'MatMul',
      'Gemm',
      'Reshape',
      'Transpose',
      'Squeeze',
      'Unsqueeze',
      'Flatten',
      'Concat',
      'Split',
      'Slice',
      'Gather',
      'GatherElements',
      'GatherND',
      'ScatterElements',
      'ScatterND',
      'Expand',
      'Tile',
      'Pad',
      'Trilu',
      'Identity',
      'Clip',
      'Min',
      'Max',
      'Sum',
      'Mean',
      'CumSum',
      'Range',
    ],
    likeInput(0),
  ),
  ...rulesByOp(
    ['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor'],
    always('bool'),
  ),
  ...rulesByOp(['Shape', 'Size', 'ArgMax', 'ArgMin'], always('int64')),
  Where: likeInput(1),
  OneHot: likeInput(2),
  Cast: (_, node) => [elementTypeName(Number(attribute(node, 'to')?.i ?? 0))],
  ConstantOfShape: (_, node) => {
    const value = attribute(node, 'value')?.t;
    return [value === undefined ? 'float' : elementTypeName(value.dataType)];
  },
  Constant: (_, node) => {
    const [value] = node.attribute;
    if (value?.t !== undefined) return [elementTypeName(value.t.dataType)];
    if (value?.name === 'value_float' || value?.name === 'value_floats') return ['float'];
    if (value?.name === 'value_int' || value?.name === 'value_ints') return ['int64'];
    if (value?.name === 'value_string' || value?.name === 'value_strings') return ['string'];
    return [undefined];
  },
};

/** The rule for an op; undefined when it has none (Loop and If are read through their subgraphs). */
export function elementTypeRule(domain: string, op: string): ElementTypeRule | undefined {
  return domain === 'ai.onnx' && Object.hasOwn(rules, op) ? rules[op] : undefined;
}
