import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../../../tooling/rejection';
import { tinyTrainingFolder } from '../../test-utils/tiny-training-folder';
import { train } from './train';
import { TrainingDivergedError, TrainingInputError } from './training-errors';

// Sequences that count up from a start digit: learnable in a few steps.
function countingExamples(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const start = 1 + (index % 5);
    const inputIds = [0, ...Array.from({ length: 6 }, (_, offset) => start + offset)];
    return {
      input_ids: inputIds,
      labels: inputIds.map((id, position) => (position < 2 ? -100 : id)),
    };
  });
}

function fixture(examples = countingExamples(16)) {
  return tinyTrainingFolder({ prefix: 's1-train-', seed: 2, examples });
}

const quick = {
  epochs: 3,
  batchSize: 2,
  gradientAccumulation: 2,
  learningRate: 5e-3,
  warmupRatio: 0.1,
  stepsPerCall: 2,
  saveEvery: 4,
  exportFinal: false,
};

describe('train', () => {
  it('should train, logging a line per step, checkpointing, and drawing the loss curve', async () => {
    const { model, data, outDir } = await fixture();
    const progress: number[] = [];
    const result = await train({
      model,
      data,
      outDir,
      ...quick,
      onProgress: ({ step }) => progress.push(step),
    });
    // 16 examples, 4 per step: 4 steps per epoch, 12 in all, 2 per call.
    expect(result.steps).toBe(12);
    expect(progress).toEqual([2, 4, 6, 8, 10, 12]);
    const lines = (await readFile(result.metricsFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(lines[0]).toMatchObject({ epoch: 0, lr: 0 });
    expect(lines.at(-1).loss).toBeLessThan(lines[0].loss);
    expect(lines.every((line) => line.tokens > 0 && line.gradNorm > 0)).toBe(true);
    expect(await readdir(join(outDir, 'checkpoints'))).toEqual(['step-00000008', 'step-00000012']);
    expect(await readFile(result.lossCurve.svg, 'utf8')).toContain('<svg');
  }, 120_000);

  it('should refuse to train into a folder that holds a run, unless resuming', async () => {
    const { model, data, outDir } = await fixture();
    await train({ model, data, outDir, ...quick, epochs: 1 });
    const again = await rejection(train({ model, data, outDir, ...quick, epochs: 1 }));
    expect(TrainingInputError.isInstance(again)).toBe(true);
    expect(String(again)).toMatch(/already holds a training run.*resume/);
  }, 120_000);

  it('should stop when the loss stops being a number, naming the step and the last good checkpoint', async () => {
    const { model, data, outDir } = await fixture();
    const error = await rejection(
      train({
        model,
        data,
        outDir,
        ...quick,
        warmupRatio: 0,
        learningRate: 1e30,
        stepsPerCall: 1,
        saveEvery: 1,
      }),
    );
    expect(TrainingDivergedError.isInstance(error)).toBe(true);
    const { step, lastCheckpoint } = error as TrainingDivergedError;
    expect(step).toBeGreaterThan(1);
    expect(lastCheckpoint).toMatch(
      new RegExp(`checkpoints/step-${String(step - 1).padStart(8, '0')}$`),
    );
    expect(String(error)).toMatch(
      /The loss of step \d+ is NaN: training stopped there\. The last good checkpoint is/,
    );
  }, 120_000);

  it('should resume with recomputed activations and end with the same weights, bit for bit', async () => {
    const { folder, model, data, outDir } = await fixture();
    const finalState = async (run: string) =>
      readFile(join(run, 'checkpoints', 'step-00000012', 'state.safetensors'));
    await train({ model, data, outDir, ...quick, exportFinal: false });
    const switched = join(folder, 'switched');
    const stop = new AbortController();
    const stopped = await rejection(
      train({
        model,
        data,
        outDir: switched,
        ...quick,
        signal: stop.signal,
        onProgress: ({ step }) => {
          if (step === 6) stop.abort();
        },
      }),
    );
    expect(stop.signal.aborted && stopped !== undefined).toBe(true);
    const resumed = await train({
      model,
      data,
      outDir: switched,
      ...quick,
      resume: true,
      recompute: true,
    });
    expect(resumed.resumedFrom).toBe(4);
    expect(Buffer.compare(await finalState(outDir), await finalState(switched))).toBe(0);
  }, 120_000);

  it('should refuse bfloat16 on the CPU execution provider, saying what to use', async () => {
    const { model, data, outDir } = await fixture();
    const error = await rejection(train({ model, data, outDir, ...quick, precision: 'bfloat16' }));
    expect(TrainingInputError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(/precision.*bfloat16 needs executionProvider "cuda".*float32/);
  });

  it('should refuse to resume a checkpoint of other data', async () => {
    const { folder, model, data, outDir } = await fixture();
    await train({ model, data, outDir, ...quick, epochs: 1 });
    const other = join(folder, 'other.jsonl');
    await writeFile(
      other,
      countingExamples(20)
        .map((example) => JSON.stringify(example))
        .join('\n'),
    );
    const error = await rejection(
      train({ model, data: other, outDir, ...quick, epochs: 1, resume: true }),
    );
    expect(String(error)).toMatch(
      /step-00000004: belongs to another run: the training data differ/,
    );
  }, 120_000);

  it('should name a token id beyond the vocabulary, with its row', async () => {
    const { model, data, outDir } = await fixture([
      { input_ids: [0, 1, 99], labels: [-100, 1, 99] },
    ]);
    const error = await rejection(train({ model, data, outDir, ...quick }));
    expect(String(error)).toMatch(
      /train\.jsonl, row 1, input_ids\[2\]: is 99, outside the model's vocabulary of 16 tokens/,
    );
  });
});
