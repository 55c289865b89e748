import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EvalSummary } from '@s1/eval';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { headlessChromium, loadPage } from '../../../eval/test-utils/headless-chromium';
import { runCaptured } from '../../test-utils/run-captured';

const readSummary = async (out: string): Promise<EvalSummary> =>
  JSON.parse(await readFile(join(out, 'report', 'summary.json'), 'utf8'));
const accuracyOf = (summary: EvalSummary, config: string) =>
  summary.configs.find((entry) => entry.config === config)?.accuracy as number;

describe('s1 demo --quick', () => {
  let folder: string;
  let first: Awaited<ReturnType<typeof runCaptured>>;
  const demo = (out: string) =>
    runCaptured(['demo', '--quick', '--out', join(folder, out), '--cache', join(folder, 'cache')]);

  // Training, then a sweep of 500 generations: about a minute on an idle 2-core machine.
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 's1-demo-'));
    first = await demo('first');
  }, 600_000);

  it('should select, format, train, sweep and report, one stage a line, then print the table', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const stages = first.stdout.split('\n').map((line) => line.split(' ')[0]);
    expect(stages.slice(0, 6)).toEqual(['task', 'select', 'format', 'train', 'sweep', 'report']);
    expect(first.stdout).toMatch(/^budget 2 +\d+% +2\.0$/m);
  });

  it('should train a model whose held-out accuracy rises with the thinking budget', async () => {
    const summary = await readSummary(join(folder, 'first'));
    const accuracies = ['max=2', 'max=6', 'max=12', 'max=24'].map((config) =>
      accuracyOf(summary, config),
    );
    // Measured at seed 0: 0%, 65%, 87% and 100%. Each budget lets the model finish the lists of
    // a few more digits; the margins leave room for another CPU's rounding in training.
    expect(accuracies.at(-1)).toBeGreaterThanOrEqual(0.9);
    expect((accuracies.at(-1) as number) - (accuracies[0] as number)).toBeGreaterThanOrEqual(0.5);
    for (let index = 1; index < accuracies.length; index++)
      expect(accuracies[index]).toBeGreaterThanOrEqual((accuracies[index - 1] as number) - 0.05);
    expect(summary.control).toBe(1);
  });

  it('should read the model from the cache on a second run, which only generates and grades', async () => {
    const second = await demo('second');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^train +model from the cache/m);
    const summaries = await Promise.all([
      readSummary(join(folder, 'first')),
      readSummary(join(folder, 'second')),
    ]);
    expect(summaries[1].configs).toEqual(summaries[0].configs);
  }, 600_000);

  it('should write an HTML report that opens in headless Chromium without console errors and shows the plot', async (context) => {
    const chromium = headlessChromium();
    if ('missing' in chromium) return context.skip(chromium.missing);
    const page = pathToFileURL(join(folder, 'first', 'report', 'report.html')).href;
    const { dom, log } = loadPage(chromium.path, page);
    expect(dom).toContain('<svg');
    expect(log).not.toMatch(/CONSOLE|Uncaught/);

    const screenshot = join(folder, 'report.png');
    spawnSync(
      chromium.path,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--screenshot=${screenshot}`,
        '--window-size=1000,900',
        page,
      ],
      { timeout: 60_000 },
    );
    // A blank page is one colour, every channel's deviation about 0; the plot's lines and text are not.
    const { channels } = await sharp(screenshot).stats();
    expect(Math.max(...channels.slice(0, 3).map((channel) => channel.stdev))).toBeGreaterThan(10);
  }, 120_000);
});
