import { figureTokens } from './figure-tokens';
import type { EvalSummary } from './summarize-results';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
const slope = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));

function rows(summary: EvalSummary): string[][] {
  return summary.configs.map((config) => [
    config.config,
    String(config.problems),
    String(config.samples),
    percent(config.accuracy),
    figureTokens(config).toFixed(1),
    config.voting.map((point) => `maj@${point.k} ${percent(point.majority)}`).join(', ') || '—',
  ]);
}

const header = [
  'configuration',
  'problems',
  'samples',
  'accuracy',
  'avg thinking tokens',
  'voting',
];

function metricsLine(summary: EvalSummary): string {
  return `Control ${Number.isNaN(summary.control) ? 'n/a' : percent(summary.control)} · Scaling ${slope(summary.scaling.perLog2Tokens)} points per doubling of thinking tokens · Performance ${Number.isNaN(summary.performance) ? 'n/a' : percent(summary.performance)}`;
}

const leftOutHeading = 'Not in Control, Scaling, Performance or the plot:';
const leftOutItems = (summary: EvalSummary) =>
  summary.leftOut.map(({ config, reason }) => `${config}: ${reason}`);

// Text on one Markdown line: a configuration may hold a continuation with a line break or a pipe,
// which would end a table row or a list item early; they show as `\n` and `\|`.
const inlineMarkdown = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/\r/g, '\\r').replace(/\n/g, '\\n');

/** The report as Markdown, with the plot beside it (`accuracy.svg`). */
export function renderMarkdownReport(summary: EvalSummary, title: string): string {
  const line = (cells: readonly string[]) => `| ${cells.map(inlineMarkdown).join(' | ')} |`;
  return [
    `# ${inlineMarkdown(title)}`,
    '',
    metricsLine(summary),
    '',
    ...(summary.leftOut.length === 0
      ? []
      : [
          leftOutHeading,
          '',
          ...leftOutItems(summary).map((item) => `- ${inlineMarkdown(item)}`),
          '',
        ]),
    line(header),
    line(header.map(() => '---')),
    ...rows(summary).map(line),
    '',
    '![accuracy against thinking tokens](accuracy.svg)',
    '',
  ].join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const leftOutHtml = (summary: EvalSummary) =>
  summary.leftOut.length === 0
    ? ''
    : `<p>${escapeHtml(leftOutHeading)}</p>\n<ul>${leftOutItems(summary)
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join('')}</ul>\n`;

/** The report as one self-contained HTML page, the SVG plot inline. */
export function renderHtmlReport(
  summary: EvalSummary,
  options: { title: string /** The scaling plot as SVG (`renderScalingPlot`). */; plot: string },
): string {
  const { title, plot: svg } = options;
  const cells = (tag: 'td' | 'th', values: readonly string[]) =>
    values.map((value) => `<${tag}>${escapeHtml(value)}</${tag}>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(metricsLine(summary))}</p>
${leftOutHtml(summary)}<table>
<thead><tr>${cells('th', header)}</tr></thead>
<tbody>
${rows(summary)
  .map((row) => `<tr>${cells('td', row)}</tr>`)
  .join('\n')}
</tbody>
</table>
<figure>${svg}</figure>
</body>
</html>
`;
}
