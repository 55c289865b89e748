import { FileNotFoundError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer, qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { countTraceTokens } from './count-trace-tokens';
import { traceLength } from './trace-length';

const traces = Array.from({ length: 40 }, (_, index) =>
  `${index} × 7 = ${index * 7}. Wait, let me check. `.repeat(1 + (index % 5)),
);

describe('countTraceTokens', () => {
  it('should count in worker threads as in this thread, in input order, with progress', async () => {
    const tokenizer = await qwen25Tokenizer();
    const progress: number[] = [];
    const inWorkers = await countTraceTokens(traces, {
      tokenizer: qwen25TokenizerFolder,
      workers: 2,
      chunkSize: 7,
      onProgress: (done) => progress.push(done),
    });
    expect(inWorkers).toEqual(traces.map((trace) => traceLength(trace, tokenizer)));
    expect(progress.at(-1)).toBe(traces.length);
    expect(await countTraceTokens(traces, { tokenizer: qwen25TokenizerFolder })).toEqual(inWorkers);
  }, 120_000);

  it("should throw a missing tokenizer's own error, from workers too", async () => {
    for (const workers of [1, 2]) {
      const counting = countTraceTokens(traces, { tokenizer: '/no/such/tokenizer', workers });
      await expect(counting).rejects.toSatisfy(FileNotFoundError.isInstance);
    }
  }, 120_000);

  it('should load no tokenizer for no traces', async () => {
    expect(await countTraceTokens([], { tokenizer: '/no/such/tokenizer' })).toEqual([]);
  });
});
