import { describe, expect, it } from 'vitest';
import { workerPoolOptions } from './worker-pool-options';

describe('workerPoolOptions', () => {
  it('should run the built worker beside a built module in worker threads', () => {
    expect(workerPoolOptions('count-worker', 'file:///app/dist/count.js', 3)).toEqual({
      filename: '/app/dist/count-worker.js',
      minThreads: 3,
      maxThreads: 3,
    });
  });

  it('should run the TypeScript worker beside a source module in child processes through tsx', () => {
    expect(workerPoolOptions('count-worker', 'file:///repo/src/count.ts', 2)).toEqual({
      filename: '/repo/src/count-worker.ts',
      minThreads: 2,
      maxThreads: 2,
      runtime: 'child_process',
      execArgv: ['--import', 'tsx', '--conditions=@s1/source'],
      serialization: 'advanced',
    });
  });
});
