import { loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { traceLength } from './trace-length';

export interface TraceTokensTask {
  tokenizerFolder: string;
  traces: readonly string[];
}

// Each worker loads its tokenizer once and keeps it for every task it runs.
const tokenizers = new Map<string, Promise<Tokenizer>>();

/** Runs in a worker: the token counts of one chunk of traces. */
export default async function countChunk(task: TraceTokensTask): Promise<number[]> {
  let tokenizer = tokenizers.get(task.tokenizerFolder);
  if (tokenizer === undefined) {
    tokenizer = loadTokenizer(task.tokenizerFolder);
    tokenizers.set(task.tokenizerFolder, tokenizer);
  }
  const loaded = await tokenizer;
  return task.traces.map((trace) => traceLength(trace, loaded));
}
