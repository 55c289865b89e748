import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { kTransferable, kValue } from 'tinypool';
import { describe, expect, it, vi } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { formatS1 } from '../format/format-s1';
import { tokenizeRecord } from './tokenize-record';
import {
  compactRecord,
  received,
  type TransferableRecord,
  transferred,
} from './transferable-records';

// As in a worker thread, where a result's buffers are transferred.
vi.mock('node:worker_threads', async (original) => ({
  ...(await original<typeof import('node:worker_threads')>()),
  isMainThread: false,
}));

const rows = (file: string) =>
  readFileSync(new URL(`../__fixtures__/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('transferred and received', () => {
  it('should move every token array without a copy and give back the records made in this thread', async () => {
    const tokenizer = await qwen25Tokenizer();
    const records = rows('s1k.jsonl')
      .slice(0, 3)
      .map((row) => tokenizeRecord(row, tokenizer, { blockSize: 512 }));
    const movable = transferred(records) as unknown as Record<symbol, unknown>;
    const sent = movable[kValue] as TransferableRecord[];
    const buffers = movable[kTransferable] as ArrayBuffer[];
    expect(new Set(buffers).size).toBe(3 * records.length);

    const { port1, port2 } = new MessageChannel();
    const arrived = new Promise<TransferableRecord[]>((resolve) => port2.once('message', resolve));
    port1.postMessage(sent, buffers);
    const moved = await arrived;
    const results = moved.map(received);
    port1.close();

    // Transferred buffers are detached on the sending side (nothing was copied), and freed on
    // the receiving side once their numbers are copied out.
    expect(sent[0]?.inputIds.byteLength).toBe(0);
    expect(moved[0]?.labels.byteLength).toBe(0);
    expect(results).toEqual(records);
    expect(Array.isArray(results[0]?.inputIds)).toBe(true);
    expect(JSON.stringify(results)).toBe(JSON.stringify(records));
  });
});

describe('compactRecord', () => {
  it.each([
    ['s1k.jsonl', 'deepseek'],
    ['s1k-1.1.jsonl', 'deepseek'],
    ['s1k-1.1.jsonl', 'gemini'],
  ] as const)(
    'should format a %s row (%s traces) exactly as the full row, from less data',
    (file, traces) => {
      for (const row of rows(file)) {
        const compact = compactRecord(row, { traces });
        expect(formatS1(compact, { traces })).toBe(formatS1(row, { traces }));
        expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(row).length);
      }
    },
  );

  it('should keep a record’s own system prompt', () => {
    const record = { question: 'q', thinking: 't', answer: 'a', system: 's', meta: { x: 1 } };
    expect(compactRecord(record, {})).toEqual({
      question: 'q',
      thinking: 't',
      answer: 'a',
      system: 's',
    });
  });
});
