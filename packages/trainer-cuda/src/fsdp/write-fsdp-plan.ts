import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFolderAtomically } from '@s1/errors';
import { buildFsdpPlan, type FsdpPlan } from './fsdp-plan';
import { resolveFsdpPlanOptions, type WriteFsdpPlanOptions } from './fsdp-plan-options';
import { accelerateFsdpConfig } from './recipe/accelerate-fsdp-config';
import { planReadme } from './recipe/plan-readme';
import { trainFsdpScript } from './recipe/train-fsdp-script';
import { writeTrainingExamples } from './write-training-examples';

/** What {@link writeFsdpPlan} wrote. */
export interface WrittenFsdpPlan {
  /** The folder written. */
  folder: string;
  /** What plan.json holds. */
  plan: FsdpPlan;
  /** Examples that train on nothing, if any. */
  warnings: string[];
}

const shownIndices = 10;

/**
 * Writes a PyTorch FSDP training folder for transformers' Trainer and accelerate: the checked
 * examples (`train.jsonl`), the script (`train_fsdp.py`), the accelerate config
 * (`accelerate_fsdp.yaml`), the settings and step counts (`plan.json`) and a README on how to
 * launch it on one node or several. The folder appears whole or not at all.
 *
 * @example
 * const { plan } = await writeFsdpPlan({ out: 'runs/s1-32b', model: 'Qwen/Qwen2.5-32B-Instruct', data: rows });
 * // plan.steps: { perEpoch: 63, total: 315, warmup: 16 } for s1K's 1,000 examples
 */
export async function writeFsdpPlan(options: WriteFsdpPlanOptions): Promise<WrittenFsdpPlan> {
  const resolved = resolveFsdpPlanOptions(options);
  const plan = await writeFolderAtomically(
    resolved.out,
    async (folder) => {
      const counts = await writeTrainingExamples(
        join(folder, 'train.jsonl'),
        resolved.data,
        resolved.blockSize,
      );
      const written = buildFsdpPlan(resolved, counts);
      await writeFile(join(folder, 'train_fsdp.py'), trainFsdpScript(written));
      await writeFile(join(folder, 'accelerate_fsdp.yaml'), accelerateFsdpConfig(written));
      await writeFile(join(folder, 'plan.json'), `${JSON.stringify(written, null, 2)}\n`);
      await writeFile(join(folder, 'README.md'), planReadme(written));
      return written;
    },
    { overwrite: resolved.overwrite },
  );
  return { folder: resolved.out, plan, warnings: untrainedWarnings(plan) };
}

function untrainedWarnings({ counts }: FsdpPlan): string[] {
  const indices = counts.untrainedExampleIndices;
  if (indices.length === 0) return [];
  const shown = indices.slice(0, shownIndices).map((index) => `data[${index}]`);
  const more = indices.length > shownIndices ? `, and ${indices.length - shownIndices} more` : '';
  return [
    `${indices.length} of ${counts.examples} examples have every label -100 and train on nothing (${shown.join(', ')}${more}); they still take places in the batches. Leave them out unless that is meant (plan.json lists them all).`,
  ];
}
