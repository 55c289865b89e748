import { describe, expect, it } from 'vitest';
import { qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { tokenizeRecords } from './tokenize-records';

const records = Array.from({ length: 40 }, (_, index) => ({
  question: `What is ${index} × 7?`,
  thinking: `${index} × 7 = ${index * 7}. `.repeat(1 + (index % 5)),
  answer: String(index * 7),
}));

describe('tokenizeRecords', () => {
  it('should give the same examples, in order, from worker threads as from this thread', async () => {
    const progress: number[] = [];
    const inThread = await tokenizeRecords(records, {
      tokenizer: qwen25TokenizerFolder,
      workers: 1,
    });
    const inWorkers = await tokenizeRecords(records, {
      tokenizer: qwen25TokenizerFolder,
      workers: 2,
      chunkSize: 7,
      onProgress: (done) => progress.push(done),
    });
    expect(inWorkers).toEqual(inThread);
    expect(inThread[3]?.text).toContain('3 × 7 = 21.');
    expect(progress.at(-1)).toBe(records.length);
  }, 60_000);
});
