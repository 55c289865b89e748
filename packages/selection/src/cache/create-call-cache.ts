import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { validate, writeFileAtomically } from '@s1/errors';
import { z } from 'zod';
import { callKeyHash } from './call-key-hash';
import { canonicalJson } from './canonical-json';
import { UncacheableValueError } from './uncacheable-value-error';

/** What a call cache has seen since it was created. */
export interface CallCacheStats {
  /** `get` calls that found a stored value. */
  hits: number;
  /** `get` calls that found none (missing or corrupt). */
  misses: number;
  /** Values stored by `set`. */
  writes: number;
  /** Entry files that could not be read back (truncated or foreign JSON); treated as missing. */
  corrupt: string[];
}

/**
 * Results of model calls on disk, one JSON file per call, named by the call's content hash.
 * Values are what `set` wrote: JSON data, trusted when read back.
 */
export interface CallCache<Value = unknown> {
  /** The folder the entries live in. */
  readonly folder: string;
  /** The stored value, or undefined when the call is missing or its entry is corrupt. */
  get(key: unknown): Promise<Value | undefined>;
  /** Stores a value; the entry appears whole or not at all. */
  set(key: unknown, value: Value): Promise<void>;
  /** Whether a readable value is stored for the call; counts neither a hit nor a miss. */
  has(key: unknown): Promise<boolean>;
  /** A snapshot of the counters. */
  readonly stats: CallCacheStats;
}

const entrySchema = z.object({ key: z.unknown(), value: z.unknown() });

type EntryRead = { status: 'found'; value: unknown } | { status: 'missing' | 'corrupt' };

/**
 * Opens (or starts) a call cache in `folder`. Entries live in sharded subfolders
 * (`ab/cdef….json`) and are written atomically (a temporary file, fsync, rename), so a crash
 * never leaves half an entry and a rerun finds every completed call.
 *
 * @example
 * const cache = createCallCache<string>('.cache/difficulty');
 * const key = { model: 'qwen7b', prompt, sampling: { temperature: 0.05 } };
 * if (!(await cache.has(key))) await cache.set(key, await generate(prompt));
 */
export function createCallCache<Value = unknown>(folder: string): CallCache<Value> {
  validate(z.string().min(1), folder, 'call cache folder');
  const stats = { hits: 0, misses: 0, writes: 0 };
  const corrupt = new Set<string>();
  const entryPath = (hash: string) => join(folder, hash.slice(0, 2), `${hash.slice(2)}.json`);

  const read = async (key: unknown): Promise<EntryRead> => {
    const path = entryPath(callKeyHash(key));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    const entry = parseEntry(text);
    // A different key under the same name is not this call's result.
    if (entry === undefined || canonicalJson(entry.key) !== canonicalJson(key)) {
      corrupt.add(path);
      return { status: 'corrupt' };
    }
    return { status: 'found', value: entry.value };
  };

  return {
    folder,
    async get(key) {
      const entry = await read(key);
      if (entry.status !== 'found') {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      return entry.value as Value;
    },
    async set(key, value) {
      const path = entryPath(callKeyHash(key));
      if (canonicalJson(value) === undefined) throw new UncacheableValueError('value');
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomically(path, JSON.stringify({ key, value }));
      corrupt.delete(path);
      stats.writes++;
    },
    async has(key) {
      return (await read(key)).status === 'found';
    },
    get stats() {
      return { ...stats, corrupt: [...corrupt] };
    },
  };
}

function parseEntry(text: string): z.infer<typeof entrySchema> | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
