import type { GraphProto, ModelProto, NodeProto, ValueInfoProto } from 'onnx-buf';
import type { CudaKernelTable } from './cuda-kernel-table';
import { type ElementTypeName, elementTypeName, elementTypeRule } from './element-type-rules';
import { type CudaKernelMismatch, matchCudaKernel } from './match-cuda-kernel';
import { readCudaKernelTable } from './read-cuda-kernel-table';

/** A node the CUDA execution provider cannot run as it stands. */
export interface CudaKernelIssue {
  /** The node's name. */
  node: string;
  /** Where the node is: the graph's name, then `/node.attribute` for each subgraph down. */
  graph: string;
  opType: string;
  domain: string;
  /** The model's opset for the node's domain; undefined when it imports none. */
  opset: number | undefined;
  /** Element types (`float`, `int64`, …); null where absent or unknown. */
  elementTypes: { inputs: (ElementTypeName | null)[]; outputs: (ElementTypeName | null)[] };
  kind: CudaKernelMismatch | 'no-type-rule';
  reason: string;
}

/**
 * Every node of a model (subgraphs of Loop and If included) that ONNX Runtime's CUDA execution
 * provider has no kernel for at the model's opset and the node's element types, which element-type
 * inference from the graph's inputs and initializers gives. A node whose op has no element-type
 * rule is reported too: the types after it could not be checked.
 */
export function checkCudaKernels(
  model: ModelProto,
  { table = readCudaKernelTable() }: { table?: CudaKernelTable } = {},
): CudaKernelIssue[] {
  const opsets = new Map(
    model.opsetImport.map(({ domain, version }) => [normalizeDomain(domain), Number(version)]),
  );
  const issues: CudaKernelIssue[] = [];

  const checkGraph = (
    graph: GraphProto,
    path: string,
    outer: ReadonlyMap<string, ElementTypeName | undefined>,
  ): Map<string, ElementTypeName | undefined> => {
    // A subgraph reads the names of the graphs around it.
    const types = new Map(outer);
    for (const input of graph.input) types.set(input.name, declaredType(input));
    for (const tensor of graph.initializer)
      types.set(tensor.name, elementTypeName(tensor.dataType));
    for (const node of graph.node) {
      const domain = normalizeDomain(node.domain);
      const inputs = node.input.map((name) => (name === '' ? undefined : types.get(name)));
      const outputs =
        domain === 'ai.onnx' && (node.opType === 'Loop' || node.opType === 'If')
          ? subgraphOutputTypes(node, path, types)
          : elementTypeRule(domain, node.opType)?.(inputs, node);
      node.output.forEach((name, index) => {
        types.set(name, outputs?.[index]);
      });
      // ONNX Runtime turns Constant nodes into initializers when it loads a model: no kernel runs.
      if (domain === 'ai.onnx' && node.opType === 'Constant') continue;

      const opset = opsets.get(domain);
      const report = (kind: CudaKernelIssue['kind'], reason: string) =>
        issues.push({
          node: node.name,
          graph: path,
          opType: node.opType,
          domain,
          opset,
          elementTypes: {
            inputs: inputs.map((type) => type ?? null),
            outputs: node.output.map((_, index) => outputs?.[index] ?? null),
          },
          kind,
          reason,
        });
      const match = matchCudaKernel(table, {
        domain,
        op: node.opType,
        opset,
        inputs,
        outputs: outputs ?? [],
      });
      if (!match.ok) report(match.kind, match.reason);
      else if (outputs === undefined) {
        report(
          'no-type-rule',
          `no element-type rule for ${node.opType} (domain ${domain}), so the nodes after it are not checked: declare one in src/cuda/element-type-rules.ts`,
        );
      }
    }
    return types;
  };

  // Loop's outputs are its body's outputs after the condition; If's are its branches' outputs.
  const subgraphOutputTypes = (
    node: NodeProto,
    path: string,
    types: ReadonlyMap<string, ElementTypeName | undefined>,
  ): (ElementTypeName | undefined)[] => {
    let outputs: (ElementTypeName | undefined)[] = [];
    for (const attribute of node.attribute) {
      if (attribute.g === undefined) continue;
      const graph = attribute.g;
      const inner = checkGraph(graph, `${path}/${node.name}.${attribute.name}`, types);
      const results = node.opType === 'Loop' ? graph.output.slice(1) : graph.output;
      if (attribute.name !== 'else_branch') {
        outputs = results.map((output) => inner.get(output.name) ?? declaredType(output));
      }
    }
    return outputs;
  };

  if (model.graph !== undefined) checkGraph(model.graph, model.graph.name, new Map());
  return issues;
}

function normalizeDomain(domain: string): string {
  return domain === '' ? 'ai.onnx' : domain;
}

function declaredType(value: ValueInfoProto): ElementTypeName | undefined {
  const type = value.type?.value;
  return type?.case === 'tensorType' ? elementTypeName(type.value.elemType) : undefined;
}
