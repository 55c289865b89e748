import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '@s1/errors';
import { renderHtmlReport, renderMarkdownReport } from './render-report';
import { renderScalingPlot } from './scaling-plot';
import type { EvalSummary } from './summarize-results';

/** The files of a report folder. */
export interface ReportFiles {
  markdown: string;
  html: string;
  svg: string;
  png: string;
  json: string;
}

/**
 * Writes `report.md`, `report.html`, `accuracy.svg`, `accuracy.png` and `summary.json` into a
 * folder; each file appears whole.
 *
 * @example
 * const files = await writeReport('out/aime24', summary, 'AIME 2024, s1.1-32B');
 */
export async function writeReport(
  folder: string,
  summary: EvalSummary,
  title: string,
): Promise<ReportFiles> {
  await mkdir(folder, { recursive: true });
  const { svg, png } = await renderScalingPlot(summary, title);
  const files: ReportFiles = {
    markdown: join(folder, 'report.md'),
    html: join(folder, 'report.html'),
    svg: join(folder, 'accuracy.svg'),
    png: join(folder, 'accuracy.png'),
    json: join(folder, 'summary.json'),
  };
  const contents: [string, string | Uint8Array][] = [
    [files.markdown, renderMarkdownReport(summary, title)],
    [files.html, renderHtmlReport(summary, title, svg)],
    [files.svg, svg],
    [files.png, png],
    [files.json, `${JSON.stringify(summary, null, 2)}\n`],
  ];
  await Promise.all(contents.map(([path, content]) => writeFileAtomically(path, content)));
  return files;
}
