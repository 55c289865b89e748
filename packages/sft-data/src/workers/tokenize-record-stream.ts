import { availableParallelism } from 'node:os';
import { functionSchema, validate, workerPoolOptions } from '@s1/errors';
import Tinypool from 'tinypool';
import { z } from 'zod';
import { type RecordOptions, recordOptionsShape, type TokenizedRecord } from './tokenize-record';
import { tokenizeChunkInThisThread } from './tokenize-worker';
import { compactRecord, received, type TransferableRecord } from './transferable-records';

/** Options of {@link tokenizeRecordStream}. */
export interface TokenizeRecordStreamOptions extends RecordOptions {
  /** The tokenizer's folder (`tokenizer.json`, `tokenizer_config.json`); each worker loads it. */
  tokenizer: string;
  /** Worker threads; 1 tokenizes in this thread. @default available cores − 1, at most 8, 1 for small sets */
  workers?: number | undefined;
  /** Records per task sent to a worker. @default 16 */
  chunkSize?: number | undefined;
  /** Called as chunks finish, with the records done so far. */
  onProgress?: ((done: number) => void) | undefined;
}

// Below this many records, starting worker threads costs more than it saves.
const smallDataset = 64;
// Chunks in flight per thread: enough to keep every worker busy, few enough that memory holds
// only a handful of chunks whatever the size of the source.
const chunksInFlightPerThread = 2;

const positiveInteger = z.number().int().positive();
/** The keys of `TokenizeRecordStreamOptions`, for the strict schemas of the functions that take them. */
export const tokenizeRecordStreamOptionsShape = {
  ...recordOptionsShape,
  tokenizer: z.string().min(1, 'tokenizer must be the folder of tokenizer.json'),
  workers: positiveInteger.optional(),
  chunkSize: positiveInteger.optional(),
  onProgress: functionSchema<(done: number) => void>().optional(),
} satisfies Record<keyof TokenizeRecordStreamOptions, z.ZodType>;
const optionsSchema = z.strictObject(tokenizeRecordStreamOptionsShape);

/**
 * Formats, tokenizes, labels and measures records as they are read, in worker threads unless
 * the source is small, yielding the results in input order. Records are pulled from the source
 * only as workers free up, so memory stays bounded by a few chunks however large the source.
 *
 * @example
 * for await (const example of tokenizeRecordStream(iterateRecords('s1K/'), { tokenizer: './Qwen2.5-32B-Instruct' })) {
 *   console.log(example.lengths.totalTokens);
 * }
 */
export async function* tokenizeRecordStream(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: TokenizeRecordStreamOptions,
): AsyncGenerator<TokenizedRecord> {
  validate(optionsSchema, options, 'tokenizeRecordStream options');
  const {
    tokenizer: tokenizerFolder,
    workers,
    chunkSize = 16,
    onProgress,
    ...recordOptions
  } = options;
  const chunks = chunksOf(records, chunkSize);
  // Without a thread count, read ahead far enough to tell a small source from a large one.
  const head: unknown[][] = [];
  let headRecords = 0;
  let sourceEnded = false;
  while (workers === undefined && headRecords < smallDataset) {
    const next = await chunks.next();
    if (next.done === true) {
      sourceEnded = true;
      break;
    }
    head.push(next.value);
    headRecords += next.value.length;
  }
  const threads =
    workers ?? (sourceEnded ? 1 : Math.max(1, Math.min(8, availableParallelism() - 1)));
  const allChunks = prepended(head, chunks);
  let done = 0;
  const finished = (results: TokenizedRecord[]) => {
    done += results.length;
    onProgress?.(done);
    return results;
  };

  if (threads <= 1) {
    for await (const chunk of allChunks) {
      yield* finished(
        await tokenizeChunkInThisThread({
          tokenizerFolder,
          records: chunk,
          options: recordOptions,
        }),
      );
    }
    return;
  }

  const pool = new Tinypool(workerPoolOptions('tokenize-worker', import.meta.url, threads));
  const inFlight: Promise<TokenizedRecord[]>[] = [];
  // Async, so a record that fails to compact rejects its own task, which is awaited in order.
  const run = async (chunk: unknown[]): Promise<TokenizedRecord[]> => {
    const records = chunk.map((record) => compactRecord(record, recordOptions));
    // What the worker's moved value arrives as.
    const results: TransferableRecord[] = await pool.run({
      tokenizerFolder,
      records,
      options: recordOptions,
    });
    return results.map(received);
  };
  try {
    for await (const chunk of allChunks) {
      const task = run(chunk);
      // Awaited in order below; this only keeps a failure of a later task from going unhandled
      // while an earlier one is awaited, or when the consumer stops early.
      task.catch(() => {});
      inFlight.push(task);
      if (inFlight.length >= threads * chunksInFlightPerThread) {
        yield* finished(await (inFlight.shift() as Promise<TokenizedRecord[]>));
      }
    }
    for (const task of inFlight.splice(0)) yield* finished(await task);
  } finally {
    await pool.destroy();
  }
}

async function* chunksOf(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  size: number,
): AsyncGenerator<unknown[]> {
  let chunk: unknown[] = [];
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

async function* prepended<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    yield next.value;
  }
}
