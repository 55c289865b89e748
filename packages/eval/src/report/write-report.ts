import { join } from 'node:path';
import { validate, writeFileAtomically, writeFolderAtomically } from '@s1/errors';
import { z } from 'zod';
import { renderHtmlReport, renderMarkdownReport } from './render-report';
import { renderScalingPlot } from './scaling-plot';
import type { EvalSummary } from './summarize-results';

/** The files of a report folder. */
export interface ReportFiles {
  /** The path of `report.md`. */
  markdown: string;
  /** The path of `report.html`. */
  html: string;
  /** The path of `accuracy.svg`, the scaling plot. */
  svg: string;
  /** The path of `accuracy.png`, the same plot. */
  png: string;
  /** The path of `summary.json`, the summary as JSON. */
  json: string;
}

const writeReportOptionsSchema = z.strictObject({
  /** The report's title: the benchmark and the model, say. */
  title: z.string(),
});
/**
 * Options of {@link writeReport}.
 *
 * @useDeclaredType
 */
export type WriteReportOptions = z.input<typeof writeReportOptionsSchema>;

const reportNames = {
  markdown: 'report.md',
  html: 'report.html',
  svg: 'accuracy.svg',
  png: 'accuracy.png',
  json: 'summary.json',
} as const satisfies Record<keyof ReportFiles, string>;

/**
 * Writes `report.md`, `report.html`, `accuracy.svg`, `accuracy.png` and `summary.json` into a
 * folder of their own, as one set: the folder is written beside and swapped in, so it holds the
 * previous report or the new one, never a mix, even if the process is killed. A folder that holds
 * other files (a results file, say) is refused rather than replaced: give the report a subfolder.
 *
 * @example
 * const files = await writeReport('out/aime24/report', summary, { title: 'AIME 2024, s1.1-32B' });
 */
export async function writeReport(
  folder: string,
  summary: EvalSummary,
  options: WriteReportOptions,
): Promise<ReportFiles> {
  const { title } = validate(writeReportOptionsSchema, options, 'writeReport options');
  const { svg, png } = await renderScalingPlot(summary, title);
  const contents: Record<keyof ReportFiles, string | Uint8Array> = {
    markdown: renderMarkdownReport(summary, title),
    html: renderHtmlReport(summary, { title, plot: svg }),
    svg,
    png,
    json: `${JSON.stringify(summary, null, 2)}\n`,
  };
  const kinds = Object.keys(reportNames) as (keyof ReportFiles)[];
  await writeFolderAtomically(
    folder,
    (staging) =>
      Promise.all(
        kinds.map((kind) => writeFileAtomically(join(staging, reportNames[kind]), contents[kind])),
      ),
    { overwrite: true, outputNames: Object.values(reportNames) },
  );
  return {
    markdown: join(folder, reportNames.markdown),
    html: join(folder, reportNames.html),
    svg: join(folder, reportNames.svg),
    png: join(folder, reportNames.png),
    json: join(folder, reportNames.json),
  };
}
