import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidFileError } from '@s1/errors';
import { type SampleRecord, sampleKey, sampleRecordSchema } from './sample-record';

/** An append-only JSONL results file, open for resuming a run. */
export interface ResultsFile {
  /** Records already in the file, in order. */
  readonly records: readonly SampleRecord[];
  /** Whether the file holds this sample (problem, configuration and sample index). */
  has(record: Pick<SampleRecord, 'problemId' | 'config' | 'sample'>): boolean;
  /** Appends one record as one line, in one write. */
  append(record: SampleRecord): Promise<void>;
  /** Waits for pending writes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens an append-only JSONL results file, reading what a previous run wrote. A last line
 * without its newline is the trace of a crash mid-write: it is cut off, and its sample runs
 * again. Any other line that is not a record is an error naming the line.
 */
export async function openResultsFile(path: string): Promise<ResultsFile> {
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const complete = existing.slice(0, existing.lastIndexOf('\n') + 1);
  if (complete.length < existing.length) await truncate(path, Buffer.byteLength(complete));
  const records = complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new InvalidFileError({
          file: path,
          reason: `line ${index + 1} is not JSON (${String(error)}); remove it to resume`,
        });
      }
      const parsed = sampleRecordSchema.safeParse(value);
      if (!parsed.success) {
        throw new InvalidFileError({
          file: path,
          reason: `line ${index + 1} is not a sample record: ${parsed.error.issues[0]?.message}`,
        });
      }
      return parsed.data;
    });
  const keys = new Set(records.map(sampleKey));
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a');
  // Concurrent samples finish in any order; their lines are written one after another.
  let writes = Promise.resolve();
  return {
    records,
    has: (record) => keys.has(sampleKey(record)),
    append: (record) => {
      writes = writes.then(async () => {
        await handle.write(`${JSON.stringify(record)}\n`);
        keys.add(sampleKey(record));
      });
      return writes;
    },
    close: async () => {
      await writes;
      await handle.close();
    },
  };
}
