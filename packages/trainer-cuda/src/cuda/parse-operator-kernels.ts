import type { CudaKernelRecord, KernelRange, KernelSignature } from './cuda-kernel-table';
import { CudaKernelTableError } from './cuda-kernel-table-error';

/**
 * Reads one execution provider's section of ONNX Runtime's docs/OperatorKernels.md (generated from
 * the registered kernels by tools/python/gen_opkernel_doc.py): per domain, each op with its
 * parameter lists and, per registered opset range, the allowed types of each type constraint.
 */
export function parseOperatorKernels(
  markdown: string,
  { executionProvider, file }: { executionProvider: string; file: string },
): CudaKernelRecord[] {
  const lines = markdown.split('\n');
  const heading = `## Operators implemented by ${executionProvider}`;
  const start = lines.findIndex((line) => line.trim() === heading);
  const fail = (index: number, problem: string): never => {
    throw new CudaKernelTableError({
      file,
      line: index + 1,
      problem,
      remedy:
        'The document is not in the form gen_opkernel_doc.py writes; update parse-operator-kernels.ts to its new form',
    });
  };
  if (start === -1) fail(0, `no section "${heading}"`);

  const records: CudaKernelRecord[] = [];
  let domain: string | undefined;
  let current: CudaKernelRecord | undefined;
  for (let index = start + 1; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line.startsWith('## ') || line.startsWith('<a name=')) break;
    if (!line.startsWith('|')) continue;
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|');
    const first = (cells[0] as string).trim();
    const domainHeading = /^\*\*Operator Domain:\*\* \*(.+)\*$/.exec(first);
    if (domainHeading) {
      domain = domainHeading[1];
      current = undefined;
      continue;
    }
    if (first === 'Op Name' || /^-+$/.test(first) || cells.every((cell) => cell.trim() === '')) {
      continue;
    }
    if (cells.length !== 4) fail(index, `expected 4 cells, found ${cells.length}`);
    const [name, parameters, opsets, types] = cells.map((cell) => cell.trim()) as [
      string,
      string,
      string,
      string,
    ];
    if (name !== '') {
      if (domain === undefined) fail(index, `op ${name} before any "Operator Domain" row`);
      current = {
        domain: domain as string,
        op: name,
        signatures: parseSignatures(parameters, (problem) => fail(index, problem)),
        kernels: [],
      };
      records.push(current);
    } else if (current === undefined) {
      fail(index, 'an opset row with no op above it');
    }
    (current as CudaKernelRecord).kernels.push({
      ...parseOpsets(opsets, (problem) => fail(index, problem)),
      types: parseTypes(types, (problem) => fail(index, problem)),
    });
  }
  if (records.length === 0) fail(start, `no ops under "${heading}"`);
  return records;
}

/** `13+`, `[6, 12]` or `13`. */
function parseOpsets(cell: string, fail: (problem: string) => never): Omit<KernelRange, 'types'> {
  const open = /^(\d+)\+$/.exec(cell);
  if (open) return { since: Number(open[1]), until: null };
  const closed = /^\[(\d+), (\d+)\]$/.exec(cell);
  if (closed) return { since: Number(closed[1]), until: Number(closed[2]) };
  if (/^\d+$/.test(cell)) return { since: Number(cell), until: Number(cell) };
  return fail(`unreadable opset range "${cell}"`);
}

/** `**T** = tensor(float), tensor(float16)<br/> **Tind** = tensor(int64)`. */
function parseTypes(cell: string, fail: (problem: string) => never): Record<string, string[]> {
  const types: Record<string, string[]> = {};
  for (const part of cell.split('<br/>').map((text) => text.trim())) {
    if (part === '') continue;
    const match = /^\*\*(.+?)\*\* = (.+)$/.exec(part);
    if (!match) return fail(`unreadable type constraint "${part}"`);
    types[match[1] as string] = (match[2] as string).split(',').map((type) => type.trim());
  }
  return types;
}

/** `*in* A:**T**<br> *out* C:**T1**`, forms separated by `<br><br>or<br><br>`. */
function parseSignatures(cell: string, fail: (problem: string) => never): KernelSignature[] {
  return cell.split('<br><br>or<br><br>').map((form) => {
    const signature: KernelSignature = { inputs: [], outputs: [] };
    for (const part of form.split('<br>').map((text) => text.trim())) {
      if (part === '') continue;
      const match = /^\*(in|out)\* (.+?):\*\*(.+?)\*\*$/.exec(part);
      if (!match) return fail(`unreadable parameter "${part}"`);
      (match[1] === 'in' ? signature.inputs : signature.outputs).push(`${match[2]}:${match[3]}`);
    }
    return signature;
  });
}
