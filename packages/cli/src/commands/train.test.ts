import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { describe, expect, it } from 'vitest';
import { modelFolderEntries } from '../../test-utils/model-folder-entries';
import { runCaptured as run } from '../../test-utils/run-captured';

// A tiny model over the real Qwen2.5 vocabulary, and a few tokenized examples for it.
async function fixture() {
  const folder = await mkdtemp(join(tmpdir(), 's1-cli-train-'));
  const model = join(folder, 'model');
  await writeModelFolder({
    folder: model,
    ...createTinyQwen2({ layers: 1, hidden: 16, heads: 2, kvHeads: 1, seed: 1 }),
  });
  const data = join(folder, 'train.jsonl');
  const rows = Array.from({ length: 6 }, (_, index) => {
    const ids = [151644, 872, 198, 16 + index, 151645, 151644, 77091, 198, 17 + index, 151645];
    return JSON.stringify({
      input_ids: ids,
      labels: ids.map((id, position) => (position < 8 ? -100 : id)),
    });
  });
  await writeFile(data, rows.join('\n'));
  /** `s1 train` on this model and set, writing to `out`, with more flags. */
  const train = (out: string, ...flags: string[]) =>
    run(['train', '--model', model, '--data', data, '--out', out, ...flags]);
  return { folder, model, data, train };
}

describe('s1 train', () => {
  it('should train, checkpoint, export the model, and resume where it stopped', async () => {
    const { folder, train } = await fixture();
    const out = join(folder, 'run');
    const flags = [
      '--batch-size',
      '2',
      '--grad-accum',
      '1',
      '--lr',
      '1e-3',
      '--steps-per-call',
      '1',
      '--save-every',
      '1',
    ];
    const first = await train(out, ...flags, '--epochs', '1');
    // Off a terminal: a line every ten seconds (a loaded machine may print more) and the last step.
    const lines = first.stderr.trimEnd().split('\n');
    for (const line of lines) {
      expect(line).toMatch(
        /^step [123]\/3 · loss \d+\.\d{4} · lr \S+ · \d+ tokens\/s · \d+ s left$/,
      );
    }
    expect(lines.at(-1)).toMatch(/^step 3\/3 · .* · lr 5\.00e-4 · .* · 0 s left$/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^trained 3 steps; final loss \d+\.\d{4}/);
    expect((await readdir(join(out, 'final'))).sort()).toEqual(modelFolderEntries);
    const refused = await train(out, ...flags, '--epochs', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds a training run \(metrics\.jsonl\)\. Pass resume/);

    const resumed = await train(out, ...flags, '--epochs', '1', '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^trained 3 steps \(resumed at step 3\)/);
    const otherRun = await train(out, ...flags, '--epochs', '1', '--lr', '2e-3', '--resume');
    expect(otherRun.code).toBe(1);
    expect(otherRun.stderr).toMatch(
      /belongs to another run: --lr \(0\.001 then, 0\.002 now\) differ/,
    );
  }, 120_000);

  it('should name the flag when the block size exceeds the model context', async () => {
    const { folder, train } = await fixture();
    const { code, stderr } = await train(join(folder, 'run'), '--block-size', '9999');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /--block-size: 9999 is larger than the model's context \(max_position_embeddings 4096\)/,
    );
  });

  it('should say which file is missing from a model folder', async () => {
    const { folder, data } = await fixture();
    const { code, stderr } = await run([
      'train',
      '--model',
      join(folder, 'nothing'),
      '--data',
      data,
      '--out',
      join(folder, 'run'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /nothing\/config\.json: is missing or unreadable\. Give a Hugging Face model folder/,
    );
  });

  it('should write the FSDP plan with --plan fsdp', async () => {
    const { folder, train } = await fixture();
    const out = join(folder, 'plan');
    const { code, stdout } = await train(out, '--plan', 'fsdp', '--gpus-per-node', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote the FSDP plan .*: 6 examples, 5 optimizer steps on 1 × 2 GPUs/);
    expect((await readdir(out)).sort()).toEqual([
      'README.md',
      'accelerate_fsdp.yaml',
      'plan.json',
      'train.jsonl',
      'train_fsdp.py',
    ]);
    expect(
      JSON.parse(await readFile(join(out, 'plan.json'), 'utf8')).hyperparameters,
    ).toMatchObject({ learningRate: 1e-5, adamBeta2: 0.95 });
  });
});
