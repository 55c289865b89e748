// Vega, Vega-Lite and resvg load when a curve is drawn: vega uses top-level await, which a
// static import would pass on to every `require('@s1/trainer-cuda')`.
import type { TopLevelSpec } from 'vega-lite';
import type { StepMetrics } from './metrics-log';

function lossCurveSpec(metrics: readonly StepMetrics[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 300,
    background: 'white',
    data: { values: metrics.map(({ step, loss, lr }) => ({ step, loss, lr })) },
    layer: [
      {
        mark: { type: 'line', color: '#1f77b4' },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'optimizer step' },
          y: { field: 'loss', type: 'quantitative', title: 'training loss' },
        },
      },
      {
        mark: { type: 'line', color: '#ff7f0e', strokeDash: [4, 3] },
        encoding: {
          x: { field: 'step', type: 'quantitative' },
          y: {
            field: 'lr',
            type: 'quantitative',
            title: 'learning rate',
            axis: { orient: 'right' },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

/** The training loss (and the learning rate, dashed) against the step, as SVG and PNG. */
export async function renderLossCurve(
  metrics: readonly StepMetrics[],
  title: string,
): Promise<{ svg: string; png: Uint8Array }> {
  const [{ Resvg }, { parse, View }, { compile }] = await Promise.all([
    import('@resvg/resvg-js'),
    import('vega'),
    import('vega-lite'),
  ]);
  const view = new View(parse(compile(lossCurveSpec(metrics, title)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true } })
    .render()
    .asPng();
  return { svg, png };
}
