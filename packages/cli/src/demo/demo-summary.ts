import type { ConfigSummary } from '@s1/eval';
import type { DemoSweep } from './demo-sweep';

// A metric with no run to measure (a model that never thinks) is NaN: shown as a dash.
export const percent = (share: number) =>
  Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : '—';
const signed = (value: number) =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}` : '—';

/** The table of the sweep, the paper's metrics, the accuracy per kind and the report's files. */
export function renderDemoSummary({
  summary,
  budgetCurve,
  accuracyByKind,
  report,
}: DemoSweep): string {
  const byKind = Object.entries(accuracyByKind)
    .map(([kind, accuracy]) => `${kind} ${percent(accuracy)}`)
    .join(', ');
  return [
    scalingTable(summary.configs),
    `budget forcing: Control ${percent(budgetCurve.control)}, Scaling ${signed(budgetCurve.scaling.perLog2Tokens)} points per doubling of thinking, Performance ${percent(budgetCurve.performance)}`,
    `with the "Wait" runs: Scaling ${signed(summary.scaling.perLog2Tokens)} points per doubling`,
    `no cap, by kind: ${byKind}`,
    `report: ${report.html} (also ${report.markdown}, ${report.png})`,
  ].join('\n');
}

// `10 domains (kind × digits), 43 to 119 examples each`: the sampler's spread, in one line.
export function domainSpread(domains: Record<string, number>): string {
  const counts = Object.values(domains);
  return `${counts.length} domains (kind × digits), ${Math.min(...counts)} to ${Math.max(...counts)} examples each`;
}

/** budget → accuracy → mean thinking tokens, one row per configuration of the sweep. */
function scalingTable(configs: readonly ConfigSummary[]): string {
  const rows = configs.map((config) => [
    describeConfig(config.config),
    percent(config.accuracy),
    config.thinkingTokens.toFixed(1),
  ]);
  const header = ['thinking', 'accuracy', 'mean thinking tokens'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number),
      )
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

// `max=8` → `budget 8`; `max=none,ignore=2` → `no cap, 2 × "Wait"`.
function describeConfig(name: string): string {
  const max = /max=(\d+)/.exec(name)?.[1];
  if (max !== undefined) return `budget ${max}`;
  const ignore = Number(/ignore=(\d+)/.exec(name)?.[1] ?? 0);
  return ignore === 0 ? 'no cap' : `no cap, ${ignore} × "Wait"`;
}
