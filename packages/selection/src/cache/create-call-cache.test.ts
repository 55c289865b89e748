import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callKeyHash } from './call-key-hash';
import { createCallCache } from './create-call-cache';
import { UncacheableValueError } from './uncacheable-value-error';

const newFolder = () => mkdtemp(join(tmpdir(), 's1-call-cache-'));
const key = { model: 'qwen7b', prompt: 'What is 17 x 3?', sampling: { temperature: 0.05 } };
const entryPath = (folder: string, call: unknown) => {
  const hash = callKeyHash(call);
  return join(folder, hash.slice(0, 2), `${hash.slice(2)}.json`);
};

describe('createCallCache', () => {
  it('should store one JSON file per call in a shard named by the hash, found again by an equal key', async () => {
    const folder = await newFolder();
    const cache = createCallCache<string>(folder);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, 'The answer is 51.');
    const reordered = { sampling: { temperature: 0.05 }, prompt: key.prompt, model: 'qwen7b' };
    expect(await createCallCache<string>(folder).get(reordered)).toBe('The answer is 51.');
    expect(await cache.has({ ...key, model: 'qwen32b' })).toBe(false);
    expect(JSON.parse(await readFile(entryPath(folder, key), 'utf8'))).toEqual({
      key,
      value: 'The answer is 51.',
    });
    expect(cache.stats).toEqual({ hits: 0, misses: 1, writes: 1, corrupt: [] });
  });

  it('should treat a truncated entry as missing, report it, and repair it on the next set', async () => {
    const folder = await newFolder();
    const cache = createCallCache<string>(folder);
    await cache.set(key, 'The answer is 51.');
    const path = entryPath(folder, key);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length - 5));

    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.has(key)).toBe(false);
    expect(cache.stats.corrupt).toEqual([path]);
    expect(cache.stats.misses).toBe(1);

    await cache.set(key, 'The answer is 51.');
    expect(await cache.get(key)).toBe('The answer is 51.');
    expect(cache.stats.corrupt).toEqual([]);
  });

  it('should treat an entry holding another key as missing', async () => {
    const folder = await newFolder();
    const cache = createCallCache(folder);
    await cache.set(key, 1);
    await writeFile(entryPath(folder, key), JSON.stringify({ key: { other: true }, value: 2 }));
    expect(await cache.get(key)).toBeUndefined();
    expect(cache.stats.corrupt).toHaveLength(1);
  });

  it('should leave whole entries only when many writers set the same and other keys at once', async () => {
    const folder = await newFolder();
    const writers = [createCallCache<number>(folder), createCallCache<number>(folder)];
    const calls = Array.from({ length: 40 }, (_, index) => ({ ...key, seed: index % 8 }));
    await Promise.all(
      calls.flatMap((call, index) => writers.map((cache) => cache.set(call, index))),
    );
    const reader = createCallCache<number>(folder);
    for (const call of calls) {
      const value = await reader.get(call);
      expect(value !== undefined && value % 8 === call.seed).toBe(true);
    }
    expect(reader.stats.corrupt).toEqual([]);
    const shards = await readdir(folder);
    const files = (await Promise.all(shards.map((shard) => readdir(join(folder, shard))))).flat();
    expect(files).toHaveLength(8);
    expect(files.every((file) => /^[0-9a-f]{62}\.json$/.test(file))).toBe(true);
  });

  it('should refuse a value or key without a JSON form', async () => {
    const cache = createCallCache(await newFolder());
    await expect(cache.set(key, undefined)).rejects.toThrow(UncacheableValueError);
    await expect(cache.get(undefined)).rejects.toThrow(/key has no JSON form/);
  });
});
