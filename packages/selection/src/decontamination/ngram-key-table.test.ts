import { describe, expect, it } from 'vitest';
import { joinHashes, mix32 } from './hash32';
import { createNgramKeyTable } from './ngram-key-table';

describe('createNgramKeyTable', () => {
  it('should keep the first occurrence of each key', () => {
    const table = createNgramKeyTable();
    expect(table.find(joinHashes(1, 2))).toBe(-1);
    expect(table.insertIfAbsent(joinHashes(1, 2), 7, 30)).toBe(-1);
    const entry = table.insertIfAbsent(joinHashes(1, 2), 8, 40);
    expect(entry).toBe(table.find(joinHashes(1, 2)));
    expect([table.textOf(entry), table.startOf(entry)]).toEqual([7, 30]);
  });

  it('should find every key after growing many times', () => {
    const table = createNgramKeyTable();
    // Distinct in their low 32 bits (the index), the rest random.
    const keys = Array.from({ length: 100_000 }, (_, index) =>
      joinHashes(mix32(index), index << 11),
    );
    keys.forEach((key, index) => {
      table.insertIfAbsent(key, index, index * 3);
    });
    expect(keys.every((key, index) => table.textOf(table.find(key)) === index)).toBe(true);
    expect(keys.every((key, index) => table.startOf(table.find(key)) === index * 3)).toBe(true);
  });

  it('should give keys equal in their low 32 bits one entry, for the caller to confirm', () => {
    const table = createNgramKeyTable();
    table.insertIfAbsent(5, 1, 0);
    expect(table.find(5 + 2 ** 32)).toBe(table.find(5));
    expect(table.insertIfAbsent(5 + 2 ** 40, 2, 0)).toBe(table.find(5));
  });

  it('should grow past the size it was made for', () => {
    const table = createNgramKeyTable(10);
    for (let key = 0; key < 20_000; key++) table.insertIfAbsent(key, key, 0);
    expect(table.textOf(table.find(19_999))).toBe(19_999);
    expect(table.find(20_000)).toBe(-1);
  });
});
