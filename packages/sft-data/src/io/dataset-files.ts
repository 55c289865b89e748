import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { FileNotFoundError, InvalidFileError } from '@s1/errors';

export type DatasetFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

export interface DatasetFile {
  path: string;
  format: DatasetFormat;
}

const formatsByExtension: Readonly<Record<string, DatasetFormat>> = {
  '.jsonl': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.parquet': 'parquet',
};

/**
 * The files to read for `source`: the file itself, or for a folder in Hugging Face dataset
 * layout the shards of `split` (`data/train-00000-of-00002.parquet`, `data/train.jsonl`, or the
 * same at the top of the folder), in name order so shards keep their order.
 */
export async function datasetFiles(source: string, split: string): Promise<DatasetFile[]> {
  const stats = await stat(source).catch(() => undefined);
  if (stats === undefined) {
    throw new FileNotFoundError({
      what: 'dataset',
      lookedFor: [source],
      hint: 'Pass a .jsonl, .json, .csv or .parquet file, or a folder in Hugging Face dataset layout.',
    });
  }
  if (!stats.isDirectory()) return [{ path: source, format: formatOf(source) }];

  const folders = [join(source, 'data'), source];
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    const shards = names
      .filter((name) => isShardOf(name, split))
      .sort()
      .map((name) => join(folder, name));
    if (shards.length > 0) return shards.map((path) => ({ path, format: formatOf(path) }));
  }
  throw new FileNotFoundError({
    what: `"${split}" split`,
    lookedFor: folders.flatMap((folder) =>
      Object.keys(formatsByExtension).map((extension) => join(folder, `${split}-*${extension}`)),
    ),
    hint: 'Name another split with the `split` option, or pass one file.',
  });
}

function isShardOf(name: string, split: string): boolean {
  const extension = extname(name);
  if (!Object.hasOwn(formatsByExtension, extension.toLowerCase())) return false;
  const stem = name.slice(0, -extension.length);
  return stem === split || stem.startsWith(`${split}-`);
}

function formatOf(file: string): DatasetFormat {
  const format = formatsByExtension[extname(file).toLowerCase()];
  if (format !== undefined) return format;
  throw new InvalidFileError({
    file,
    reason: 'unknown dataset format; expected a .jsonl, .json, .csv or .parquet file',
  });
}
