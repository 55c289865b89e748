import { loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { type RecordOptions, type TokenizedRecord, tokenizeRecord } from './tokenize-record';

export interface TokenizeTask {
  tokenizerFolder: string;
  records: readonly unknown[];
  options: RecordOptions;
}

// Each worker loads its tokenizer once and keeps it for every task it runs.
const tokenizers = new Map<string, Promise<Tokenizer>>();

/** Runs in a worker thread: one chunk of records. */
export default async function tokenizeChunk(task: TokenizeTask): Promise<TokenizedRecord[]> {
  let tokenizer = tokenizers.get(task.tokenizerFolder);
  if (tokenizer === undefined) {
    tokenizer = loadTokenizer(task.tokenizerFolder);
    tokenizers.set(task.tokenizerFolder, tokenizer);
  }
  const loaded = await tokenizer;
  return task.records.map((record) => tokenizeRecord(record, loaded, task.options));
}
