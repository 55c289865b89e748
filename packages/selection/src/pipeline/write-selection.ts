import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { SelectionResult } from './create-selection';

const jsonLines = (values: readonly unknown[]) =>
  values.map((value) => `${JSON.stringify(value)}\n`).join('');

/**
 * Writes `selected.jsonl` (the selected records, as read), `dropped.jsonl` (`{ id, stage, reason }`
 * per record left out) and `report.json` into a folder, each file whole or not at all.
 *
 * @example
 * await writeSelection('out/s1k', await selection.run(records));
 */
export async function writeSelection<Row>(folder: string, result: SelectionResult<Row>) {
  await mkdir(folder, { recursive: true });
  const files = {
    selected: join(folder, 'selected.jsonl'),
    dropped: join(folder, 'dropped.jsonl'),
    report: join(folder, 'report.json'),
  };
  await Promise.all([
    writeFileAtomic(files.selected, jsonLines(result.selected.map((item) => item.row))),
    writeFileAtomic(files.dropped, jsonLines(result.dropped)),
    writeFileAtomic(files.report, `${JSON.stringify(result.report, null, 2)}\n`),
  ]);
  return files;
}
