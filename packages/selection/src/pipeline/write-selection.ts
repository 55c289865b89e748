import { join } from 'node:path';
import { writeFileAtomically, writeFolderAtomically } from '@s1/errors';
import type { SelectionResult } from './create-selection';

const jsonLines = (values: readonly unknown[]) =>
  values.map((value) => `${JSON.stringify(value)}\n`).join('');

const outputNames = { selected: 'selected.jsonl', dropped: 'dropped.jsonl', report: 'report.json' };

/**
 * Writes `selected.jsonl` (the selected records, as read), `dropped.jsonl` (`{ id, stage, reason }`
 * per record left out) and `report.json` into a folder, as one set: the folder is written beside
 * and swapped in, so it holds the previous selection or the new one, never a mix, even if the
 * process is killed. A folder that holds other files is refused rather than replaced.
 *
 * @example
 * await writeSelection('out/s1k', await selection.run(records));
 */
export async function writeSelection<Row>(folder: string, result: SelectionResult<Row>) {
  await writeFolderAtomically(
    folder,
    (staging) =>
      Promise.all([
        writeFileAtomically(
          join(staging, outputNames.selected),
          jsonLines(result.selected.map((item) => item.row)),
        ),
        writeFileAtomically(join(staging, outputNames.dropped), jsonLines(result.dropped)),
        writeFileAtomically(
          join(staging, outputNames.report),
          `${JSON.stringify(result.report, null, 2)}\n`,
        ),
      ]),
    { overwrite: true, outputNames: Object.values(outputNames) },
  );
  return {
    /** The path of `selected.jsonl`. */
    selected: join(folder, outputNames.selected),
    /** The path of `dropped.jsonl`. */
    dropped: join(folder, outputNames.dropped),
    /** The path of `report.json`. */
    report: join(folder, outputNames.report),
  };
}
