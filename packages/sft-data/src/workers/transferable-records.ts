import { isMainThread } from 'node:worker_threads';
import Tinypool, { kTransferable, kValue, type Transferable } from 'tinypool';
import { toSftRecord } from '../records/to-sft-record';
import type { RecordOptions, TokenizedRecord } from './tokenize-record';

/**
 * A tokenized record as a worker sends it back: its token arrays are Int32Arrays, whose buffers
 * move to the receiving thread instead of being structured-cloned element by element.
 */
export interface TransferableRecord
  extends Omit<TokenizedRecord, 'inputIds' | 'labels' | 'attentionMask'> {
  inputIds: Int32Array;
  labels: Int32Array;
  attentionMask: Int32Array;
}

/**
 * A worker's result, its arrays' buffers handed to tinypool to transfer. In a child process (the
 * pool run from sources, in tests) nothing can be transferred and the result is sent as it is.
 */
export function transferred(records: TokenizedRecord[]): TransferableRecord[] | Transferable {
  // Spread, then replaced: the keys keep their order, as a JSON dump of a record would show.
  // Each array gets a buffer of its own, as a transfer list may name a buffer only once.
  const result = records.map(
    (record): TransferableRecord => ({
      ...record,
      inputIds: new Int32Array(record.inputIds),
      labels: new Int32Array(record.labels),
      attentionMask: new Int32Array(record.attentionMask),
    }),
  );
  if (isMainThread) return result;
  const buffers = result.flatMap((record) => [
    record.inputIds.buffer,
    record.labels.buffer,
    record.attentionMask.buffer,
  ]);
  // tinypool posts a moved value's kValue, transferring the buffers listed in kTransferable.
  return Tinypool.move({ [kTransferable]: buffers, [kValue]: result }) as Transferable;
}

/**
 * A received record with the public `number[]` arrays, so its arrays are what the in-thread path
 * gives: `formatDataset` writes them as JSON arrays and Parquet lists unchanged.
 */
export function received(record: TransferableRecord): TokenizedRecord {
  return {
    ...record,
    inputIds: numbers(record.inputIds),
    labels: numbers(record.labels),
    attentionMask: numbers(record.attentionMask),
  };
}

// ArrayBuffer.prototype.transfer (ES2024, Node 21+), not yet in this project's TypeScript lib.
type Transferring = ArrayBuffer & { transfer(length: number): ArrayBuffer };

function numbers(values: Int32Array): number[] {
  // Sized once, then filled: no garbage from growing it, and five times faster than Array.from.
  const result = new Array<number>(values.length);
  for (let index = 0; index < values.length; index++) result[index] = values[index] as number;
  // Frees a moved buffer now. Left to the garbage collector, spent buffers pile up in this
  // thread as external memory: 2 workers peaked about 80 MB higher than with structured clones.
  // Arrays deserialized from a child process share the message's buffer: those are left be.
  if (values.byteLength === values.buffer.byteLength) (values.buffer as Transferring).transfer(0);
  return result;
}

/**
 * A record cut to what formatting reads (question, thinking, answer, system), so a worker is not
 * sent an s1K-1.1 row's other traces, solution and grades. It formats exactly as the full row.
 */
export function compactRecord(record: unknown, options: RecordOptions): unknown {
  const { question, thinking, answer, system } = toSftRecord(record, { traces: options.traces });
  return system === undefined
    ? { question, thinking, answer }
    : { question, thinking, answer, system };
}
