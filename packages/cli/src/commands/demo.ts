import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import type { CliIO } from '../cli-io';
import { demoModel } from '../demo/demo-model';
import { modelCacheKey, resolveDemoSettings } from '../demo/demo-settings';
import { domainSpread, percent, renderDemoSummary } from '../demo/demo-summary';
import { runDemoSweep } from '../demo/demo-sweep';
import { demoProblems } from '../demo/demo-task';
import { createStageLines, type StageLine } from '../demo/stage-lines';
import { parseFlags, wholeNumber, wholeNumbers } from '../flags';

const optionsSchema = z.strictObject({
  quick: z.boolean().default(false),
  seed: wholeNumber('--seed').optional(),
  steps: wholeNumber('--steps', { min: 1 }).optional(),
  layers: wholeNumber('--layers', { min: 1 }).optional(),
  hidden: wholeNumber('--hidden', { min: 8 }).optional(),
  budgets: wholeNumbers('--budgets', { min: 1 }).optional(),
  ignore: wholeNumbers('--ignore', { min: 1 }).optional(),
  out: z.string().min(1, '--out needs a folder').default('s1-demo'),
  cache: z.string().min(1, '--cache needs a folder').optional(),
});

const number = new Intl.NumberFormat('en-US');

/**
 * `s1 demo`: s1 in miniature. Makes a reasoning task, selects the training set, fine-tunes a tiny
 * Qwen2 on it on the CPU, budget-forces it over a sweep of thinking budgets, grades the held-out
 * problems and writes the report. The trained model is cached, so a second run only measures.
 */
export async function demo(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const { out, cache: cacheFlag, ...flags } = parseFlags(optionsSchema, rawOptions);
  const settings = resolveDemoSettings(flags);
  const stage = createStageLines(io);
  const cache = resolve(cacheFlag ?? join(envPaths('s1', { suffix: '' }).cache, 'demo'));
  const entry = join(cache, modelCacheKey(settings));
  await mkdir(out, { recursive: true });
  await mkdir(entry, { recursive: true });

  const task = stage('task');
  // The held-out split first, so that every length is in it (there are only 100 lists of two
  // digits, which a pool drawn first would take), then the pool without its questions.
  const test = demoProblems({
    count: settings.test,
    lengths: settings.lengths,
    seed: settings.seed + 1,
  });
  const pool = demoProblems({
    ...settings,
    count: settings.pool,
    exclude: new Set(test.map((problem) => problem.question)),
  });
  task.done(
    `${number.format(pool.length)} problems (running maxima and minima of ${settings.lengths[0]}–${settings.lengths.at(-1)} digits, ${percent(settings.slips)} with a slipped step), ${test.length} held out`,
  );

  // Each stage's line starts when the one before it ends, so that its time is its own.
  const select = stage('select');
  let format: StageLine | undefined;
  let training: StageLine | undefined;
  const model = await demoModel(entry, settings, pool, {
    onSelection: (name, done, total) => select.progress(done, total, name),
    onSelected: (report) => {
      select.done(
        `${report.counts.map(({ stage: name, records }) => `${name} ${number.format(records)}`).join(' → ')}; ${domainSpread(report.domains)}`,
      );
      format = stage('format');
    },
    onFormatted: (statistics) => {
      format?.done(
        `${number.format(statistics.samples)} examples in the s1 template, ${statistics.total.mean.toFixed(0)} tokens on average (${statistics.thinking.mean.toFixed(1)} thinking), loss on thinking and answer only`,
      );
      training = stage('train');
    },
    onTraining: (progress) =>
      training?.progress(
        progress.step,
        progress.totalSteps,
        `steps, loss ${progress.loss.toFixed(3)}`,
      ),
  });
  if (model.cached) {
    select.done(`selection from the cache, ${entry}`);
    stage('format').done(`training set from the cache, ${entry}`);
    stage('train').done(`model from the cache, ${entry}`);
  } else {
    training?.done(
      `${number.format(settings.steps)} steps of a ${settings.layers}-layer Qwen2 (hidden ${settings.hidden}), final loss ${model.finalLoss?.toFixed(3)}${model.resumedFrom === undefined ? '' : `, resumed from step ${model.resumedFrom}`}; cached in ${entry}`,
    );
  }

  const sweeping = stage('sweep');
  const result = await runDemoSweep(model.folder, test, settings, out, (done, total) =>
    sweeping.progress(done, total, 'generations'),
  );
  sweeping.done(
    `${number.format(result.generations)} generations, budget-forced in-process (ONNX Runtime), graded offline`,
  );
  stage('report').done(
    `Markdown, HTML, the plot as SVG and PNG, in ${dirname(result.report.html)}`,
  );
  io.stdout.write(`\n${renderDemoSummary(result)}\n`);
}
