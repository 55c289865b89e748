import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** CPU threads of an in-process runtime: a whole number of at least 1. */
export const threadsSchema = z.number().int().positive();

/**
 * The threads an in-process runtime runs on unless told otherwise: the CPUs this process may use
 * (`os.availableParallelism()`). More would only wait on each other; a runtime's own default
 * may take every core of the machine whatever the process is allowed.
 */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * ONNX Runtime session options for `threads` CPU threads: operators run one at a time
 * (sequential, one inter-op thread), each on `threads` threads, so the runtime never holds more
 * spinning threads than it was given.
 */
export function onnxRuntimeThreadOptions(threads: number) {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  } as const;
}
