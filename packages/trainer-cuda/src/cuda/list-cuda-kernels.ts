import type { CudaKernelTable, KernelRange } from './cuda-kernel-table';
import { findKernelRange, formatOpsets } from './match-cuda-kernel';
import { readCudaKernelTable } from './read-cuda-kernel-table';

/** One registered CUDA kernel: an op, its opset range, and the allowed types per type constraint. */
export interface CudaKernelListing {
  domain: string;
  op: string;
  /** As OperatorKernels.md writes it: `14+`, `[7, 12]`, `13`. */
  opsets: string;
  types: KernelRange['types'];
}

/**
 * The (op, types) pairs the CUDA kernel table holds, for documentation. Given `opsets` (opset by
 * domain, e.g. `{ 'ai.onnx': 18 }`), only the kernel each op of those domains gets at that opset.
 */
export function listCudaKernels({
  opsets,
  table = readCudaKernelTable(),
}: {
  opsets?: Readonly<Record<string, number>>;
  table?: CudaKernelTable;
} = {}): CudaKernelListing[] {
  return table.records.flatMap((record) => {
    const opset = opsets?.[record.domain];
    const ranges =
      opsets === undefined
        ? record.kernels
        : opset === undefined
          ? []
          : [findKernelRange(table, record, opset).range].filter((range) => range !== undefined);
    return ranges.map((range) => ({
      domain: record.domain,
      op: record.op,
      opsets: formatOpsets(range),
      types: range.types,
    }));
  });
}
