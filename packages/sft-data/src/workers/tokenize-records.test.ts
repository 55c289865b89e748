import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { tokenizeRecordStream } from './tokenize-record-stream';
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

describe('tokenizeRecordStream', () => {
  it('should pull records only as workers free up, and stop its workers when the consumer stops', async () => {
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 10_000; index++) {
        pulled++;
        yield records[index % records.length];
      }
    }
    const stream = tokenizeRecordStream(source(), {
      tokenizer: qwen25TokenizerFolder,
      workers: 2,
      chunkSize: 4,
    });
    const first = await stream.next();
    expect(first.value?.text).toContain('0 × 7 = 0.');
    // 2 workers × 2 chunks in flight × 4 records, and the chunk being gathered.
    expect(pulled).toBeLessThanOrEqual(2 * 2 * 4 + 4);
    await stream.return(undefined);
    expect(pulled).toBeLessThanOrEqual(2 * 2 * 4 + 4);
  }, 60_000);

  it('should yield the examples before an invalid record, then fail with its own error', async () => {
    const source = records.map((record, index) =>
      index === 10 ? { question: 'no answer' } : record,
    );
    const examples = [];
    let failure: unknown;
    try {
      for await (const example of tokenizeRecordStream(source, {
        tokenizer: qwen25TokenizerFolder,
        workers: 2,
        chunkSize: 4,
      })) {
        examples.push(example);
      }
    } catch (error) {
      failure = error;
    }
    // Records are cut to their fields in this thread: the error is the validator's, not a copy.
    expect(failure).toBeInstanceOf(InvalidArgumentError);
    expect(examples).toHaveLength(8);
  }, 60_000);

  it('should tokenize a small source in this thread, in order, counting progress', async () => {
    const progress: number[] = [];
    const examples = [];
    for await (const example of tokenizeRecordStream(records, {
      tokenizer: qwen25TokenizerFolder,
      chunkSize: 16,
      onProgress: (done) => progress.push(done),
    })) {
      examples.push(example);
    }
    expect(examples.map((example) => example.text)).toEqual(
      (await tokenizeRecords(records, { tokenizer: qwen25TokenizerFolder, workers: 1 })).map(
        (example) => example.text,
      ),
    );
    expect(progress).toEqual([16, 32, 40]);
  }, 60_000);

  it('should refuse an option it does not know, naming the one meant, before reading a record', async () => {
    let read = 0;
    async function* counted() {
      for (const record of records) {
        read++;
        yield record;
      }
    }
    const options = { tokenizer: qwen25TokenizerFolder, blocksize: 4096 };
    const stream = tokenizeRecordStream(counted(), options as never);
    await expect(stream.next()).rejects.toThrow(InvalidArgumentError);
    await expect(tokenizeRecordStream(counted(), options as never).next()).rejects.toThrow(
      /blocksize: unknown key; did you mean "blockSize"\?/,
    );
    expect(read).toBe(0);
  });
});
