import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { validate } from '@s1/chat-template';
import Tinypool from 'tinypool';
import { z } from 'zod';
import type { RecordOptions, TokenizedRecord } from './tokenize-record';
import tokenizeChunk from './tokenize-worker';

export interface TokenizeRecordsOptions extends RecordOptions {
  /** The tokenizer's folder (`tokenizer.json`, `tokenizer_config.json`); each worker loads it. */
  tokenizer: string;
  /** Worker threads; 1 tokenizes in this thread. @default available cores − 1, at most 8, 1 for small sets */
  workers?: number | undefined;
  /** Records per task sent to a worker. @default 16 */
  chunkSize?: number | undefined;
  /** Called as chunks finish, with records done and the total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

const smallDataset = 64;

const positiveInteger = z.number().int().positive();
const optionsSchema = z.looseObject({
  tokenizer: z.string().min(1, 'tokenizer must be the folder of tokenizer.json'),
  workers: positiveInteger.optional(),
  chunkSize: positiveInteger.optional(),
  blockSize: positiveInteger.optional(),
});

/**
 * Formats, tokenizes, labels and measures records, in worker threads when the set is large.
 * Results come back in input order.
 *
 * @example
 * const examples = await tokenizeRecords(records, { tokenizer: './Qwen2.5-32B-Instruct' });
 */
export async function tokenizeRecords(
  records: readonly unknown[],
  options: TokenizeRecordsOptions,
): Promise<TokenizedRecord[]> {
  validate(optionsSchema, options, 'tokenizeRecords options');
  const {
    tokenizer: tokenizerFolder,
    workers,
    chunkSize = 16,
    onProgress,
    ...recordOptions
  } = options;
  const threads =
    workers ??
    (records.length < smallDataset ? 1 : Math.max(1, Math.min(8, availableParallelism() - 1)));
  const chunks: (readonly unknown[])[] = [];
  for (let start = 0; start < records.length; start += chunkSize) {
    chunks.push(records.slice(start, start + chunkSize));
  }
  let done = 0;
  const finished = (results: TokenizedRecord[]) => {
    done += results.length;
    onProgress?.(done, records.length);
    return results;
  };

  if (threads <= 1) {
    const results: TokenizedRecord[][] = [];
    for (const chunk of chunks) {
      results.push(
        finished(await tokenizeChunk({ tokenizerFolder, records: chunk, options: recordOptions })),
      );
    }
    return results.flat();
  }

  const pool = new Tinypool(workerOptions(threads));
  try {
    const results = await Promise.all(
      chunks.map(async (chunk) =>
        finished(await pool.run({ tokenizerFolder, records: chunk, options: recordOptions })),
      ),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}

// Built, the worker is `tokenize-worker.js` beside this module. From sources (tests) it is the
// TypeScript file, run through tsx with the workspace's source condition in child processes:
// Node 20 does not apply `--import` loader hooks inside worker threads.
function workerOptions(threads: number) {
  const fromSources = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(
    new URL(`./tokenize-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url),
  );
  return {
    filename,
    minThreads: threads,
    maxThreads: threads,
    ...(fromSources
      ? {
          runtime: 'child_process' as const,
          execArgv: ['--import', 'tsx', '--conditions=@s1/source'],
        }
      : {}),
  };
}
