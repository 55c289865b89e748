import type { TokenizedRecord } from './tokenize-record';
import { type TokenizeRecordStreamOptions, tokenizeRecordStream } from './tokenize-record-stream';

/** Options of {@link tokenizeRecords}. */
export interface TokenizeRecordsOptions extends Omit<TokenizeRecordStreamOptions, 'onProgress'> {
  /** Called as chunks finish, with records done and the total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Formats, tokenizes, labels and measures records, in worker threads when the set is large.
 * Results come back in input order. For a source too large to hold, use `tokenizeRecordStream`.
 *
 * @example
 * const examples = await tokenizeRecords(records, { tokenizer: './Qwen2.5-32B-Instruct' });
 */
export async function tokenizeRecords(
  records: readonly unknown[],
  options: TokenizeRecordsOptions,
): Promise<TokenizedRecord[]> {
  const { onProgress, ...streamOptions } = options;
  const results: TokenizedRecord[] = [];
  const stream = tokenizeRecordStream(records, {
    ...streamOptions,
    onProgress: onProgress && ((done) => onProgress(done, records.length)),
  });
  for await (const example of stream) results.push(example);
  return results;
}
