import { readFile } from 'node:fs/promises';
import { FileNotFoundError } from '@s1/errors';

/** The text of a benchmark file; a missing file is a `FileNotFoundError`. */
export async function readBenchmarkFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new FileNotFoundError({
      what: 'benchmark file',
      lookedFor: [file],
      hint: 'Pass the path of the benchmark file (JSONL, JSON or CSV).',
      cause: error,
    });
  }
}
