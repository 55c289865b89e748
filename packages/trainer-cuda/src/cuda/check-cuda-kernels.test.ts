import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGraphBuilder, type GraphBuilder } from '@s1/model-io';
import { describe, expect, it } from 'vitest';
import { checkCudaKernels } from './check-cuda-kernels';
import { parseCudaKernelTable } from './cuda-kernel-table';
import { CudaKernelTableError } from './cuda-kernel-table-error';
import { readCudaKernelTable } from './read-cuda-kernel-table';

const table = readCudaKernelTable();
const check = (builder: GraphBuilder, opset = 18) =>
  checkCudaKernels(builder.toModel({ opset }), { table });

/** A graph with a float32 input `x` [2, 4]. */
function floatGraph() {
  const g = createGraphBuilder('main');
  return { g, x: g.input('x', 'float32', [2, 4]) };
}

describe('checkCudaKernels', () => {
  it('should pass a float32 graph of the ops a training step uses', () => {
    const { g, x } = floatGraph();
    const labels = g.input('labels', 'int64', [2]);
    const w = g.initializer('w', new Float32Array(12), [4, 3]);
    const axis1 = g.int64s([1]);
    const int64 = (value: number) => g.constant(BigInt64Array.of(BigInt(value)), []);

    const logits = g.op('Add', [
      g.op('MatMul', [x, w]),
      g.initializer('b', new Float32Array(3), [3]),
    ]);
    const hidden = g.op('Gemm', [x, w], { transB: 0 });
    const logProbs = g.op('LogSoftmax', [logits], { axis: -1 });
    const picked = g.op('GatherElements', [logProbs, g.op('Unsqueeze', [labels, axis1])], {
      axis: 1,
    });
    const valid = g.op('And', [
      g.op('Not', [g.op('Equal', [labels, g.int64s([-100])])]),
      g.op('Greater', [labels, g.int64s([-1])]),
    ]);
    const mask = g.op('Cast', [valid], { to: 1 });
    const loss = g.op('Neg', [
      g.op('Div', [
        g.op('ReduceSum', [g.op('Mul', [g.op('Squeeze', [picked, axis1]), mask])]),
        g.op('ReduceSum', [mask]),
      ]),
    ]);
    const probs = g.op('Softmax', [hidden], { axis: -1 });
    const oneHot = g.op('OneHot', [
      labels,
      g.int64s([3]),
      g.constant(new Float32Array([0, 1]), [2]),
    ]);
    const gradient = g.op('Sub', [probs, oneHot]);
    const scattered = g.op(
      'ScatterElements',
      [
        g.op('ConstantOfShape', [g.op('Shape', [x])]),
        g.op('Expand', [g.op('Unsqueeze', [labels, axis1]), g.int64s([2, 4])]),
        x,
      ],
      { axis: 1, reduction: 'add' },
    );
    const rows = g.op('ScatterND', [
      g.op('Identity', [x]),
      g.op('Unsqueeze', [g.op('Range', [int64(0), int64(2), int64(1)]), axis1]),
      g.op('Transpose', [g.op('Reshape', [x, g.int64s([4, 2])])]),
    ]);
    const [left, right] = g.node('Split', [scattered, g.int64s([2, 2])], {
      attributes: { axis: 1 },
      outputs: 2,
    }) as [string, string];
    const causal = g.op(
      'Trilu',
      [g.op('Less', [rows, g.op('Concat', [left, right], { axis: 1 })])],
      { upper: 0 },
    );
    const norm = g.op('Sqrt', [
      g.op('Sum', [g.op('ReduceSumSquare', [gradient]), g.op('ReduceMean', [rows, axis1])]),
    ]);
    const scale = g.op('Reciprocal', [g.op('Max', [norm, g.scalarFloat(1)])]);
    const update = g.op('Clip', [
      g.op('Mul', [g.op('Gather', [w, labels], { axis: 0 }), scale]),
      g.scalarFloat(-1),
      g.scalarFloat(1),
    ]);
    const smooth = g.op('Tanh', [
      g.op('Sigmoid', [
        g.op('Relu', [g.op('Exp', [g.op('Log', [g.op('Pow', [update, g.scalarFloat(2)])])])]),
      ]),
    ]);
    const kept = g.op('Where', [
      causal,
      g.op('CumSum', [rows, g.int64s([1])]),
      g.op('Min', [rows, x]),
    ]);
    g.op('Slice', [g.op('ReduceMax', [kept, axis1]), g.int64s([0]), g.int64s([1])], {}, 'firstMax');
    g.op('Add', [loss, g.op('ReduceSum', [smooth])], {}, 'total');
    g.output('firstMax', 'float32', [1, 1]);
    g.output('total', 'float32', [1, 1]);

    expect(check(g)).toEqual([]);
  });

  it('should report an op the CUDA execution provider has no kernel for', () => {
    const { g, x } = floatGraph();
    g.op('Mean', [x, x]);

    expect(check(g)).toEqual([
      {
        node: 'Mean_node_1',
        graph: 'main',
        opType: 'Mean',
        domain: 'ai.onnx',
        opset: 18,
        elementTypes: { inputs: ['float', 'float'], outputs: ['float'] },
        kind: 'no-kernel',
        reason: expect.stringContaining('has no Mean kernel'),
      },
    ]);
  });

  it('should report a supported op with an element type its CUDA kernel lacks', () => {
    const g = createGraphBuilder('main');
    g.op('LogSoftmax', [g.input('logits', 'bfloat16', [2, 3])], { axis: -1 });
    g.op('OneHot', [
      g.input('labels', 'int64', [2]),
      g.int64s([3]),
      g.constant(new Int32Array([0, 1]), [2]),
    ]);

    const issues = check(g);

    expect(
      issues.map(({ opType, kind, elementTypes }) => ({ opType, kind, elementTypes })),
    ).toEqual([
      {
        opType: 'LogSoftmax',
        kind: 'unsupported-type',
        elementTypes: { inputs: ['bfloat16'], outputs: ['bfloat16'] },
      },
      {
        opType: 'OneHot',
        kind: 'unsupported-type',
        elementTypes: { inputs: ['int64', 'int64', 'int32'], outputs: ['int32'] },
      },
    ]);
    expect(issues[0]?.reason).toContain('input 0 (input) is tensor(bfloat16)');
    expect(issues[1]?.reason).toContain('input 2 (values) is tensor(int32)');
  });

  it('should report an op whose open kernel range does not serve the model opset', () => {
    // CUDA registers Pad "18+": ONNX Runtime binds it to Pad-18 only, not to Pad-19 at opset 19.
    const { g, x } = floatGraph();
    g.op('Pad', [x, g.int64s([0, 1, 0, 1])]);

    expect(check(g, 18)).toEqual([]);
    expect(check(g, 19)).toMatchObject([
      {
        opType: 'Pad',
        opset: 19,
        kind: 'no-kernel-for-opset',
        reason: expect.stringContaining('where the op is its version 19'),
      },
    ]);
  });

  it('should report an op with no element-type rule rather than guess its types', () => {
    const { g, x } = floatGraph();
    g.op('Add', [g.op('Softplus', [x]), x]);

    expect(check(g)).toMatchObject([
      {
        opType: 'Softplus',
        kind: 'no-type-rule',
        elementTypes: { inputs: ['float'], outputs: [null] },
        reason: expect.stringContaining('no element-type rule for Softplus'),
      },
    ]);
  });

  it('should check the body of a Loop and name its nodes', () => {
    const body = createGraphBuilder('body', { namePrefix: 'body_' });
    body.input('iteration', 'int64', []);
    body.input('condition', 'bool', []);
    const carried = body.input('carried', 'float32', [2, 4]);
    body.op('Identity', ['condition'], undefined, 'condition_out');
    body.op('Mean', [carried, 'x'], undefined, 'carried_out');
    body.output('condition_out', 'bool', []);
    body.output('carried_out', 'float32', [2, 4]);
    const { g, x } = floatGraph();
    const trips = g.constant(BigInt64Array.of(3n), []);
    const looped = g.op('Loop', [trips, g.constant(Uint8Array.of(1), [], 'bool'), x], {
      body: { graph: body.toGraph() },
    });
    g.op('Cos', [g.op('Cast', [looped], { to: 16 })]);

    expect(check(g).map(({ node, graph, opType }) => ({ node, graph, opType }))).toEqual([
      { node: 'body_Mean_node_1', graph: 'main/Loop_node_3.body', opType: 'Mean' },
      // The Loop's output type comes from its body: Cos has no bfloat16 kernel.
      { node: 'Cos_node_7', graph: 'main', opType: 'Cos' },
    ]);
  });
  it('should check both branches of an If', () => {
    const branch = (name: string, op: string) => {
      const builder = createGraphBuilder(name, { namePrefix: `${name}_` });
      builder.op(op, ['x', 'x'], undefined, `${name}_out`);
      builder.output(`${name}_out`, 'float32', [2, 4]);
      return { graph: builder.toGraph() };
    };
    const { g } = floatGraph();
    const chosen = g.op('If', [g.input('flag', 'bool', [])], {
      then_branch: branch('then', 'Add'),
      else_branch: branch('else', 'Mean'),
    });
    g.op('Sqrt', [chosen]);

    expect(check(g).map(({ node, graph, kind }) => ({ node, graph, kind }))).toEqual([
      { node: 'else_Mean_node_0', graph: 'main/If_node_1.else_branch', kind: 'no-kernel' },
    ]);
  });
});

describe('the CUDA kernel fixtures', () => {
  it('should parse, name their sources and hold ranges for every op', () => {
    expect(table.header).toMatchObject({
      repository: 'microsoft/onnxruntime',
      path: 'docs/OperatorKernels.md',
      executionProvider: 'CUDAExecutionProvider',
    });
    expect(table.versionsHeader).toMatchObject({
      repository: 'onnx/onnx',
      path: 'onnx/defs/operator_sets.h',
    });
    expect(new Set(table.records.map(({ domain }) => domain))).toContain('ai.onnx');
    for (const record of table.records) {
      expect(record.kernels.length, `${record.domain}/${record.op}`).toBeGreaterThan(0);
      expect(table.kernel(record.domain, record.op)).toBe(record);
    }
    expect(table.versions('ai.onnx', 'Add')).toContain(14);
  });

  it('should be made for the installed onnxruntime-node', () => {
    const { version } = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'), 'utf8'),
    );
    // When this fails, regenerate the fixtures from the new release (README-SECTION.md says how).
    expect(table.header.onnxruntimeNode).toBe(version);
  });

  it('should name the file and line of a record that does not parse', () => {
    const read = (file: string) =>
      readFileSync(new URL(`./__fixtures__/${file}`, import.meta.url), 'utf8');
    const kernels = read('cuda-kernels.jsonl').replace('"since":14', '"since":"14"');

    let error: unknown;
    try {
      parseCudaKernelTable({ kernels, versions: read('onnx-op-versions.jsonl') });
    } catch (caught) {
      error = caught;
    }

    expect(CudaKernelTableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^cuda-kernels\.jsonl:3: .*since/);
  });
});
