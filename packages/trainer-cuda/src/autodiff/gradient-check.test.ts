import { createSeededRandom, type SeededRandom } from '@s1/errors';
import { serializeOnnxModel } from '@s1/model-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { differentiate } from './differentiate';
import type { CheckInput, GradientCheck, OpDefinition } from './op-definition';
import { differentiableOps } from './ops';
import { sizeOf, type Tensor } from './tensor';
import { createTracedGraph } from './traced-graph';

// Central differences in float64: errors of order h² ≈ 1e-12 against rounding of order 1e-16 / h.
const step = 1e-6;
const tolerance = 1e-6;

function inputValues(input: CheckInput, random: SeededRandom) {
  const size = sizeOf(input.shape);
  switch (input.kind ?? 'float') {
    case 'indices':
    case 'labels': {
      const values = BigInt64Array.from({ length: size }, () =>
        BigInt(Math.floor(random.uniform() * (input.below ?? 2))),
      );
      if (input.kind === 'labels') values[1] = -100n;
      return new ort.Tensor('int64', values, [...input.shape]);
    }
    case 'positive':
      return new ort.Tensor(
        'float64',
        Float64Array.from({ length: size }, () => 0.5 + random.uniform()),
        [...input.shape],
      );
    default:
      return new ort.Tensor(
        'float64',
        Float64Array.from({ length: size }, () => random.normal()),
        [...input.shape],
      );
  }
}

// loss = Σ output₀ ⊙ R for fixed random R, so every element of the output is weighed differently.
async function checkSession<Attributes>(
  op: OpDefinition<Attributes>,
  check: GradientCheck<Attributes>,
) {
  const graph = createTracedGraph(`check_${op.name}`);
  const inputs = check.inputs.map((input, index) =>
    graph.input(
      `x${index}`,
      input.shape,
      (input.kind ?? 'float') === 'float' || input.kind === 'positive' ? 'float64' : 'int64',
    ),
  );
  const primary = graph.apply(op, inputs, check.attributes)[0] as Tensor;
  const random = createSeededRandom(7);
  const weights = graph.emitter.constant(
    Float64Array.from({ length: sizeOf(primary.shape) }, () => random.normal()),
    primary.shape,
    'float64',
  );
  const loss = graph.ops.reduceSum(
    graph.ops.mul(primary, weights),
    primary.shape.map((_, axis) => axis),
    false,
  );
  const differentiable = inputs.filter((input) => input.type === 'float64');
  const gradients = differentiate(graph, loss, differentiable);
  graph.output('loss', loss);
  for (const input of differentiable) {
    const gradient = gradients.get(input.name);
    if (gradient === undefined) throw new Error(`${op.name} gave no gradient for ${input.name}`);
    graph.output(`grad_${input.name}`, gradient);
  }
  const session = await ort.InferenceSession.create(
    serializeOnnxModel(graph.builder.toModel({ opset: 18 })),
  );
  return { session, differentiable };
}

describe.each(differentiableOps.map((op) => [op.name, op] as const))(
  'the gradient rule of %s',
  (_name, op) => {
    it('should have cases to check', () => {
      expect(op.checks.length).toBeGreaterThan(0);
    });

    it.each((op.checks as GradientCheck<unknown>[]).map((check) => [check.name, check] as const))(
      'should agree with central finite differences: %s',
      async (_case, check) => {
        const { session, differentiable } = await checkSession(op as OpDefinition<unknown>, check);
        const random = createSeededRandom(11);
        const feeds: Record<string, ort.Tensor> = {};
        check.inputs.forEach((input, index) => {
          feeds[`x${index}`] = inputValues(input, random);
        });
        const analytic = await session.run(feeds);
        for (const input of differentiable) {
          const values = feeds[input.name]?.data as Float64Array;
          const gradient = analytic[`grad_${input.name}`]?.data as Float64Array;
          const numeric = new Float64Array(values.length);
          for (let index = 0; index < values.length; index++) {
            const original = values[index] as number;
            values[index] = original + step;
            const up = (await session.run(feeds)).loss?.data[0] as number;
            values[index] = original - step;
            const down = (await session.run(feeds)).loss?.data[0] as number;
            values[index] = original;
            numeric[index] = (up - down) / (2 * step);
          }
          const scale = Math.max(1, ...Array.from(numeric, Math.abs));
          const worst = Math.max(
            ...Array.from(gradient, (value, index) => Math.abs(value - (numeric[index] as number))),
          );
          expect({ input: input.name, relativeError: worst / scale < tolerance }).toEqual({
            input: input.name,
            relativeError: true,
          });
        }
        await session.release();
      },
    );
  },
);
