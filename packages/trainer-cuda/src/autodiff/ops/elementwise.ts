import type { GradientCheck, OpDefinition } from '../op-definition';
import type { Ops } from '../ops';
import { broadcastShapes, type Tensor } from '../tensor';

type BinaryRule = (
  ops: Ops,
  operands: { a: Tensor; b: Tensor; y: Tensor; g: Tensor },
  needs: readonly boolean[],
) => [Tensor | undefined, Tensor | undefined];

const binaryChecks: GradientCheck<undefined>[] = [
  { name: 'same shapes', inputs: [{ shape: [2, 3] }, { shape: [2, 3] }], attributes: undefined },
  { name: 'a bias row', inputs: [{ shape: [2, 3] }, { shape: [3] }], attributes: undefined },
  {
    name: 'both broadcast',
    inputs: [{ shape: [2, 1, 3] }, { shape: [4, 1] }],
    attributes: undefined,
  },
];

// The gradient of a broadcast operand sums over the axes it was broadcast along.
function binary(name: string, rule: BinaryRule, checks = binaryChecks): OpDefinition<undefined> {
  return {
    name,
    forward: (emit, [a, b]) =>
      emit.node(
        name,
        [a as Tensor, b as Tensor],
        [
          {
            shape: broadcastShapes((a as Tensor).shape, (b as Tensor).shape),
            type: (a as Tensor).type,
          },
        ],
      ),
    gradient: (ops, { inputs: [a, b], outputs: [y], outputGradients: [g], needsGradient }) => {
      const [gradA, gradB] = rule(
        ops,
        { a: a as Tensor, b: b as Tensor, y: y as Tensor, g: g as Tensor },
        needsGradient,
      );
      return [
        gradA && ops.reduceToShape(gradA, (a as Tensor).shape),
        gradB && ops.reduceToShape(gradB, (b as Tensor).shape),
      ];
    },
    checks,
  };
}

export const add = binary('Add', (_ops, { g }) => [g, g]);
export const sub = binary('Sub', (ops, { g }, needs) => [g, needs[1] ? ops.neg(g) : undefined]);
export const mul = binary('Mul', (ops, { a, b, g }, needs) => [
  needs[0] ? ops.mul(g, b) : undefined,
  needs[1] ? ops.mul(g, a) : undefined,
]);
// d(a / b)/db = −a / b² = −y / b
export const div = binary(
  'Div',
  (ops, { b, y, g }, needs) => [
    needs[0] ? ops.div(g, b) : undefined,
    needs[1] ? ops.neg(ops.div(ops.mul(g, y), b)) : undefined,
  ],
  binaryChecks.map((check) => ({
    ...check,
    inputs: [
      check.inputs[0],
      { ...check.inputs[1], kind: 'positive' },
    ] as GradientCheck<undefined>['inputs'],
  })),
);

type UnaryRule = (ops: Ops, operands: { x: Tensor; y: Tensor; g: Tensor }) => Tensor;

function unary(name: string, rule: UnaryRule, positive = false): OpDefinition<undefined> {
  return {
    name,
    forward: (emit, [x]) =>
      emit.node(name, [x as Tensor], [{ shape: (x as Tensor).shape, type: (x as Tensor).type }]),
    gradient: (ops, { inputs: [x], outputs: [y], outputGradients: [g] }) => [
      rule(ops, { x: x as Tensor, y: y as Tensor, g: g as Tensor }),
    ],
    checks: [
      {
        name: 'a matrix',
        inputs: [{ shape: [3, 4], kind: positive ? 'positive' : 'float' }],
        attributes: undefined,
      },
    ],
  };
}

export const neg = unary('Neg', (ops, { g }) => ops.neg(g));
export const exp = unary('Exp', (ops, { y, g }) => ops.mul(g, y));
export const log = unary('Log', (ops, { x, g }) => ops.div(g, x), true);
// d√x = 1 / (2√x)
export const sqrt = unary(
  'Sqrt',
  (ops, { y, g }) => ops.div(ops.mul(g, ops.scalar(0.5, g.type)), y),
  true,
);
// d(1/x) = −1/x² = −y²
export const reciprocal = unary(
  'Reciprocal',
  (ops, { y, g }) => ops.neg(ops.mul(g, ops.mul(y, y))),
  true,
);
// dσ = σ(1 − σ)
export const sigmoid = unary('Sigmoid', (ops, { y, g }) =>
  ops.mul(g, ops.mul(y, ops.sub(ops.scalar(1, y.type), y))),
);
