// Vega, Vega-Lite and resvg are loaded when a plot is rendered (see renderScalingPlot), not
// imported here: vega uses top-level await, which would make `require('@s1/eval')` throw.
import type { TopLevelSpec } from 'vega-lite';
import { figureTokens } from './figure-tokens';
import type { EvalSummary } from './summarize-results';

/**
 * A point of the scaling plot.
 *
 * @inline
 */
interface PlotPoint {
  /** Its curve: `sequential (budget forcing)` or `parallel (majority voting)`. */
  method: string;
  /** Average thinking tokens (k times a sample's for maj@k). */
  thinkingTokens: number;
  /** Accuracy in percent. */
  accuracy: number;
  /** The configuration's name, or `maj@k`. */
  label: string;
}

/**
 * The points of the paper's Figure 4: the sequential curve (one point per configuration, budget
 * forcing, in the summary's sweep order) and the parallel curve (maj@k of the configuration with
 * the most samples, the first in sweep order among equals, at k times its thinking tokens).
 * Configurations with 0 average thinking tokens have no place on the log2 axis and are left out
 * (`summary.leftOut`).
 */
export function scalingPoints(summary: EvalSummary): PlotPoint[] {
  const sequential = summary.configs.map((config) => ({
    method: 'sequential (budget forcing)',
    thinkingTokens: figureTokens(config),
    accuracy: config.accuracy * 100,
    label: config.config,
  }));
  const voted = summary.configs
    .filter((config) => figureTokens(config) > 0)
    .sort((a, b) => b.voting.length - a.voting.length)[0];
  const perSample = voted === undefined ? 0 : figureTokens(voted);
  const parallel = (voted?.voting ?? []).map((point) => ({
    method: 'parallel (majority voting)',
    thinkingTokens: perSample * point.k,
    accuracy: point.majority * 100,
    label: `maj@${point.k}`,
  }));
  return [...sequential, ...parallel].filter((point) => point.thinkingTokens > 0);
}

function plotSpec(points: readonly PlotPoint[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 300,
    background: 'white',
    data: { values: points.map((point) => ({ ...point })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'thinkingTokens',
        type: 'quantitative',
        scale: { type: 'log', base: 2 },
        title: 'average thinking tokens (log2)',
      },
      y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)' },
      color: { field: 'method', type: 'nominal', title: null, legend: { labelLimit: 320 } },
      order: { field: 'thinkingTokens' },
      tooltip: [{ field: 'label' }, { field: 'thinkingTokens' }, { field: 'accuracy' }],
    },
  };
}

/**
 * Accuracy against thinking tokens as an SVG (Vega, rendered without a browser) and a PNG (resvg).
 *
 * @example
 * const { svg, png } = await renderScalingPlot(summary, 'AIME 2024');
 */
export async function renderScalingPlot(
  summary: EvalSummary,
  title: string,
): Promise<{
  /** The plot as SVG. */
  svg: string;
  /** The plot as a PNG image. */
  png: Uint8Array;
}> {
  const [{ Resvg }, { parse, View }, { compile }] = await Promise.all([
    import('@resvg/resvg-js'),
    import('vega'),
    import('vega-lite'),
  ]);
  const view = new View(parse(compile(plotSpec(scalingPoints(summary), title)).spec), {
    renderer: 'none',
  });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true } })
    .render()
    .asPng();
  return { svg, png };
}
