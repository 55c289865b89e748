import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { smallVocabulary } from './small-vocabulary';

export interface TokenizedExample {
  input_ids: number[];
  labels: number[];
}

/**
 * A temporary folder holding a one-layer Qwen2 over 16 plain tokens (`model/`) and the examples
 * as a tokenized set (`train.jsonl`): the smallest thing `train()` accepts, so runner tests stay fast.
 */
export async function tinyTrainingFolder(options: {
  prefix: string;
  seed: number;
  examples: readonly TokenizedExample[];
}) {
  const folder = await mkdtemp(join(tmpdir(), options.prefix));
  const model = join(folder, 'model');
  const tiny = createTinyQwen2({
    layers: 1,
    hidden: 16,
    heads: 2,
    kvHeads: 1,
    seed: options.seed,
    vocab: smallVocabulary(16),
  });
  await writeModelFolder({ folder: model, ...tiny, onnx: false });
  const data = join(folder, 'train.jsonl');
  await writeFile(data, options.examples.map((example) => JSON.stringify(example)).join('\n'));
  return { folder, model, data, outDir: join(folder, 'run') };
}
