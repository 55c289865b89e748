import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedCall } from './cached-call';
import { createCallCache } from './create-call-cache';

const newCache = async () => createCallCache<string>(await mkdtemp(join(tmpdir(), 's1-cached-')));

describe('cachedCall', () => {
  it('should compute a call once for concurrent callers and not again from the disk', async () => {
    const cache = await newCache();
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'attempt';
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cachedCall(cache, { prompt: 'p' }, compute)),
    );
    expect(results).toEqual(Array(10).fill('attempt'));
    const reopened = createCallCache<string>(cache.folder);
    expect(await cachedCall(reopened, { prompt: 'p' }, compute)).toBe('attempt');
    expect(computed).toBe(1);
  });

  it('should not store a failed call, so the next caller tries again', async () => {
    const cache = await newCache();
    const failing = cachedCall(cache, { prompt: 'p' }, () => Promise.reject(new Error('down')));
    await expect(failing).rejects.toThrow('down');
    expect(await cache.has({ prompt: 'p' })).toBe(false);
    expect(await cachedCall(cache, { prompt: 'p' }, async () => 'second')).toBe('second');
  });
});
