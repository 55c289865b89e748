import { loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { type RecordOptions, type TokenizedRecord, tokenizeRecord } from './tokenize-record';
import { transferred } from './transferable-records';

export interface TokenizeTask {
  tokenizerFolder: string;
  records: readonly unknown[];
  options: RecordOptions;
}

// Each worker loads its tokenizer once and keeps it for every task it runs.
const tokenizers = new Map<string, Promise<Tokenizer>>();

/** One chunk of records, in this thread. */
export async function tokenizeChunkInThisThread(task: TokenizeTask): Promise<TokenizedRecord[]> {
  let tokenizer = tokenizers.get(task.tokenizerFolder);
  if (tokenizer === undefined) {
    tokenizer = loadTokenizer(task.tokenizerFolder);
    tokenizers.set(task.tokenizerFolder, tokenizer);
  }
  const loaded = await tokenizer;
  return task.records.map((record) => tokenizeRecord(record, loaded, task.options));
}

/**
 * Runs in a worker: one chunk of records, whose token arrays go back as Int32Arrays moved, not
 * copied, to the pool's thread (which receives `TransferableRecord[]`).
 */
export default async function tokenizeChunk(
  task: TokenizeTask,
): Promise<ReturnType<typeof transferred>> {
  return transferred(await tokenizeChunkInThisThread(task));
}
