import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTokenizer } from '@s1/chat-template';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { type SelectionReport, writeSelection } from '@s1/selection';
import { formatDataset, type LengthStatistics } from '@s1/sft-data';
import { type TrainingProgress, train } from '@s1/trainer-cuda';
import { selectDemoExamples } from './demo-selection';
import type { DemoSettings } from './demo-settings';
import type { DemoProblem } from './demo-task';
import { demoTokenizer } from './demo-tokenizer';

/** What a demo stage tells its watcher. */
export interface DemoStageHooks {
  onSelection?(stage: string, done: number, total: number): void;
  onSelected?(report: SelectionReport): void;
  onFormatted?(statistics: LengthStatistics): void;
  onTraining?(progress: TrainingProgress): void;
}

/** The trained model of one cache entry, and whether an earlier run had trained it. */
export interface DemoModel {
  folder: string;
  cached: boolean;
  /** The loss of the last training step; absent when cached. */
  finalLoss?: number;
  /** The checkpoint's step a run stopped midway resumed from. */
  resumedFrom?: number | undefined;
}

/**
 * The demo's model for these settings: read from the cache entry when an earlier run trained it,
 * else selected, formatted and trained there. Training checkpoints as it goes, so a run stopped
 * midway resumes; the model appears in the entry (one rename) only once it is whole.
 */
export async function demoModel(
  entry: string,
  settings: DemoSettings,
  pool: readonly DemoProblem[],
  hooks: DemoStageHooks = {},
): Promise<DemoModel> {
  const folder = join(entry, 'model');
  if (existsSync(join(folder, 'config.json'))) return { folder, cached: true };

  const base = join(entry, 'base');
  await writeModelFolder({
    folder: base,
    ...createTinyQwen2({
      layers: settings.layers,
      hidden: settings.hidden,
      heads: 4,
      kvHeads: 2,
      intermediate: settings.hidden * 2,
      tieWordEmbeddings: true,
      maxPositionEmbeddings: 256,
      seed: settings.seed,
      vocab: demoTokenizer(),
    }),
  });
  const tokenizer = await loadTokenizer(base);
  const selection = await selectDemoExamples(pool, {
    tokenizer,
    n: settings.select,
    seed: settings.seed,
    onProgress: hooks.onSelection,
  });
  await writeSelection(join(entry, 'selection'), selection);
  hooks.onSelected?.(selection.report);

  const data = join(entry, 'train.jsonl');
  const formatted = await formatDataset({
    input: join(entry, 'selection', 'selected.jsonl'),
    out: data,
    tokenizer: base,
    statisticsPath: join(entry, 'train-statistics.json'),
  });
  hooks.onFormatted?.(formatted.statistics);

  const run = join(entry, 'run');
  const result = await train({
    model: base,
    data,
    outDir: run,
    maxSteps: settings.steps,
    epochs: 1000,
    batchSize: 16,
    gradientAccumulation: 1,
    learningRate: settings.learningRate,
    seed: settings.seed,
    stepsPerCall: 8,
    saveEvery: 200,
    resume: existsSync(join(run, 'checkpoints')),
    onProgress: hooks.onTraining,
  });
  await rm(folder, { recursive: true, force: true });
  await rename(result.finalModel as string, folder);
  return { folder, cached: false, finalLoss: result.finalLoss, resumedFrom: result.resumedFrom };
}
