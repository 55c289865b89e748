import { S1Error } from '@s1/errors';

/**
 * A kernel list (the CUDA kernel fixture, or a document it is extracted from) that cannot be read:
 * names the file and line, what is wrong there, and what to do.
 */
export class CudaKernelTableError extends S1Error {
  readonly file: string;

  constructor({
    file,
    line,
    problem,
    remedy,
    cause,
  }: { file: string; line?: number; problem: string; remedy: string; cause?: unknown }) {
    super({
      name: 'S1_CudaKernelTableError',
      message: `${line === undefined ? file : `${file}:${line}`}: ${problem}. ${remedy}`,
      cause,
    });
    this.file = file;
  }

  static override isInstance(error: unknown): error is CudaKernelTableError {
    return S1Error.isInstance(error) && error.name === 'S1_CudaKernelTableError';
  }
}
