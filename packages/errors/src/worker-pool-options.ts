import { fileURLToPath } from 'node:url';

/** Tinypool options for a fixed pool of workers, from built files or from TypeScript sources. */
export interface WorkerPoolOptions {
  /** Absolute path of the worker module: the built `.js` file, or the `.ts` source in tests. */
  filename: string;
  /** Workers kept alive (equal to `maxThreads`: the pool is fixed). */
  minThreads: number;
  /** Most workers at once. */
  maxThreads: number;
  /** From sources only: workers are child processes, so tsx's loader hooks apply. */
  runtime?: 'child_process';
  /** From sources only: loads tsx and the workspace's `@s1/source` condition. */
  execArgv?: string[];
  /** From sources only: typed arrays cross the process boundary as typed arrays. */
  serialization?: 'advanced';
}

/**
 * Options for a pool of `threads` workers running the module `worker` (named without extension)
 * beside the module at `moduleUrl` (its `import.meta.url`). Built, the worker is the `.js` file
 * beside it. From sources (tests) it is the `.ts` file, run through tsx with the workspace's
 * source condition in child processes, since Node 20 applies no `--import` loader hooks inside
 * worker threads; advanced serialization lets typed arrays cross as typed arrays there.
 *
 * @example
 * new Tinypool(workerPoolOptions('tokenize-worker', import.meta.url, 4));
 */
export function workerPoolOptions(
  worker: string,
  moduleUrl: string,
  threads: number,
): WorkerPoolOptions {
  const fromSources = moduleUrl.endsWith('.ts');
  const filename = fileURLToPath(new URL(`./${worker}.${fromSources ? 'ts' : 'js'}`, moduleUrl));
  const pool = { filename, minThreads: threads, maxThreads: threads };
  if (!fromSources) return pool;
  return {
    ...pool,
    runtime: 'child_process',
    execArgv: ['--import', 'tsx', '--conditions=@s1/source'],
    serialization: 'advanced',
  };
}
