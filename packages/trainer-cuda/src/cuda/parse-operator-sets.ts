import type { OnnxOpVersions } from './cuda-kernel-table';
import { CudaKernelTableError } from './cuda-kernel-table-error';

/**
 * Reads ONNX's onnx/defs/operator_sets.h: the opsets at which each ai.onnx op got a new version.
 * ONNX Runtime binds a node to the op version current at the model's opset, and an open-ended
 * kernel ("13+") only to that exact version, so the versions decide which kernel a node gets.
 */
export function parseOperatorSets(source: string, { file }: { file: string }): OnnxOpVersions[] {
  const versions = new Map<string, Set<number>>();
  for (const match of source.matchAll(
    /ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME\(\s*Onnx\s*,\s*(\d+)\s*,\s*(\w+)\s*\)/g,
  )) {
    const op = match[2] as string;
    const set = versions.get(op) ?? new Set<number>();
    set.add(Number(match[1]));
    versions.set(op, set);
  }
  if (versions.size === 0) {
    throw new CudaKernelTableError({
      file,
      problem: 'no ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, version, Op) declarations',
      remedy: 'Pass onnx/defs/operator_sets.h of the ONNX release ONNX Runtime builds with',
    });
  }
  return [...versions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([op, set]) => ({ domain: 'ai.onnx', op, versions: [...set].sort((a, b) => a - b) }));
}
