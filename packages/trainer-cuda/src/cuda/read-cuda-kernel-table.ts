import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CudaKernelTable, parseCudaKernelTable } from './cuda-kernel-table';
import { CudaKernelTableError } from './cuda-kernel-table-error';

const fixtures = new URL('./__fixtures__/', import.meta.url);

/** The CUDA kernel table of the pinned onnxruntime-node, from the fixtures beside this module. */
export function readCudaKernelTable(): CudaKernelTable {
  const files = {
    kernels: fileURLToPath(new URL('cuda-kernels.jsonl', fixtures)),
    versions: fileURLToPath(new URL('onnx-op-versions.jsonl', fixtures)),
  };
  return parseCudaKernelTable(
    { kernels: readText(files.kernels), versions: readText(files.versions) },
    files,
  );
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    // The published package leaves __fixtures__ out, so only a source checkout has them.
    throw new CudaKernelTableError({
      file,
      problem: 'cannot be read',
      remedy:
        'The CUDA kernel fixtures live in the repository (packages/trainer-cuda/src/cuda/__fixtures__): run the check from a checkout, or pass a table from parseCudaKernelTable',
      cause,
    });
  }
}
