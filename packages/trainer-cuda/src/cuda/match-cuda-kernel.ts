import type {
  CudaKernelRecord,
  CudaKernelTable,
  KernelRange,
  KernelSignature,
} from './cuda-kernel-table';
import type { ElementTypeName } from './element-type-rules';

export type CudaKernelMismatch = 'no-kernel' | 'no-kernel-for-opset' | 'unsupported-type';

export type CudaKernelMatch =
  | { ok: true; range: KernelRange }
  | { ok: false; kind: CudaKernelMismatch; reason: string };

/** `14+`, `[7, 12]` or `13`, as OperatorKernels.md writes a registered range. */
export function formatOpsets({ since, until }: Pick<KernelRange, 'since' | 'until'>): string {
  if (until === null) return `${since}+`;
  return since === until ? `${since}` : `[${since}, ${until}]`;
}

/**
 * The kernel ONNX Runtime would pick for an op at a model opset, as its KernelRegistry does: the
 * node takes the op version current at that opset, which an open range ("13+") serves only when
 * it starts at exactly that version, a closed one when it contains it. Ops whose version history
 * is unknown (contrib domains) take the ranges as written.
 */
export function findKernelRange(
  table: CudaKernelTable,
  record: CudaKernelRecord,
  opset: number,
): { range?: KernelRange; version?: number; versions?: readonly number[] } {
  const versions = table.versions(record.domain, record.op);
  if (versions === undefined) {
    const range = record.kernels.find(
      ({ since, until }) => since <= opset && (until === null || opset <= until),
    );
    return { range };
  }
  const version = versions.filter((candidate) => candidate <= opset).at(-1);
  if (version === undefined) return { versions };
  const range = record.kernels.find(
    ({ since, until }) =>
      since === version || (until !== null && since <= version && version <= until),
  );
  return { range, version, versions };
}

/** Whether the CUDA execution provider has a kernel for a node with these element types. */
export function matchCudaKernel(
  table: CudaKernelTable,
  node: {
    domain: string;
    op: string;
    opset: number | undefined;
    inputs: readonly (ElementTypeName | undefined)[];
    outputs: readonly (ElementTypeName | undefined)[];
  },
): CudaKernelMatch {
  const { domain, op, opset } = node;
  const record = table.kernel(domain, op);
  if (record === undefined) {
    return {
      ok: false,
      kind: 'no-kernel',
      reason: `the CUDA execution provider has no ${op} kernel (domain ${domain}): ONNX Runtime would run it on the CPU`,
    };
  }
  if (opset === undefined) {
    return {
      ok: false,
      kind: 'no-kernel-for-opset',
      reason: `the model imports no opset for domain ${domain}`,
    };
  }
  const { range, version, versions } = findKernelRange(table, record, opset);
  if (range === undefined) {
    const registered = record.kernels.map(formatOpsets).join(', ');
    const at =
      versions === undefined
        ? `opset ${opset}`
        : version === undefined
          ? `opset ${opset}, before its first version (${versions[0]})`
          : `opset ${opset}, where the op is its version ${version}`;
    return {
      ok: false,
      kind: 'no-kernel-for-opset',
      reason: `CUDA registers ${op} for opsets ${registered} (an open range serves only its first version), none for ${at}`,
    };
  }
  const problems = bestSignatures(record.signatures, range)
    .map((signature) => typeProblems(signature, range, node))
    .sort((a, b) => a.length - b.length)[0];
  if (problems !== undefined && problems.length > 0) {
    return { ok: false, kind: 'unsupported-type', reason: problems.join('; ') };
  }
  return { ok: true, range };
}

/**
 * The parameter lists that fit a range's type constraints best. The doc lists every form an op
 * took across its versions without saying which range uses which: the fitting ones name the most
 * of the range's constraints and the fewest others.
 */
function bestSignatures(signatures: readonly KernelSignature[], range: KernelRange) {
  const score = (signature: KernelSignature) => {
    const names = new Set(
      [...signature.inputs, ...signature.outputs]
        .map((parameter) => splitParameter(parameter).type)
        .filter((type) => !type.includes('(')),
    );
    const known = [...names].filter((name) => Object.hasOwn(range.types, name)).length;
    return known * 1000 - (names.size - known);
  };
  const best = Math.max(...signatures.map(score));
  return signatures.filter((signature) => score(signature) === best);
}

function typeProblems(
  signature: KernelSignature,
  range: KernelRange,
  node: {
    op: string;
    inputs: readonly (ElementTypeName | undefined)[];
    outputs: readonly (ElementTypeName | undefined)[];
  },
): string[] {
  const problems = new Map<string, string>();
  const check = (
    parameters: readonly string[],
    types: readonly (ElementTypeName | undefined)[],
    direction: string,
  ) => {
    types.forEach((type, index) => {
      // Only the last parameter of a list can be variadic (Concat's inputs, Split's outputs).
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (type === undefined || parameter === undefined) return;
      const { name, type: constraint } = splitParameter(parameter);
      // Kernels constrain a type parameter by its name (T) or, for a fixed type, by the
      // parameter's name (Reshape's shape); a literal type in the signature binds by itself.
      const key = Object.hasOwn(range.types, constraint) ? constraint : name;
      const allowed = Object.hasOwn(range.types, key)
        ? range.types[key]
        : constraint.includes('(')
          ? [constraint]
          : undefined;
      const tensor = `tensor(${type})`;
      if (allowed === undefined || allowed.includes(tensor) || problems.has(key)) return;
      problems.set(
        key,
        `${direction} ${index} (${name}) is ${tensor}, and CUDA's ${node.op} ${formatOpsets(range)} allows ${key} = ${allowed.join(', ')}`,
      );
    });
  };
  check(signature.inputs, node.inputs, 'input');
  check(signature.outputs, node.outputs, 'output');
  return [...problems.values()];
}

function splitParameter(parameter: string): { name: string; type: string } {
  const colon = parameter.indexOf(':');
  return { name: parameter.slice(0, colon), type: parameter.slice(colon + 1) };
}
