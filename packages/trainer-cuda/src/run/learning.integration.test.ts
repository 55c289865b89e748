import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackendV1, createBudgetForcing } from '@s1/budget-forcing';
import { createLlamaCppBackend } from '@s1/budget-forcing/llama-cpp';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { createTransformersBackend } from '@s1/budget-forcing/transformers';
import { createByteTokenizer, createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { formatDataset } from '@s1/sft-data';
import { describe, expect, it } from 'vitest';
import { runningSumProblems } from '../../test-utils/running-sums';
import { train } from './train';

// Running sums of three digits: 900 lists to train on, 100 held out. A 3-layer model of hidden
// size 128 over a byte-level vocabulary learns them in 25 epochs (about 85 s on 2 cores).
const problems = runningSumProblems({ count: 1000, length: 3, seed: 1 });
const system = 'Add.';
const messages = (question: string) => [
  { role: 'system', content: system },
  { role: 'user', content: question },
];

async function heldOutAccuracy(backend: BackendV1): Promise<number> {
  const controller = createBudgetForcing({
    backend,
    thinking: { max: 40 },
    answer: { maxTokens: 24 },
  });
  let correct = 0;
  for (const problem of problems.slice(900)) {
    const result = await controller.generate({ messages: messages(problem.question) });
    if (result.answer.includes(problem.answer)) correct++;
  }
  return correct / 100;
}

describe('training a tiny model on an s1-format task', () => {
  // Training until the model learns takes minutes: on a loaded 2-core machine, more than the
  // integration project's 10-minute limit.
  it('should learn running sums it has not seen, which the untrained model cannot, and export a model every runtime runs alike', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-learning-'));
    const model = join(folder, 'model');
    const tiny = createTinyQwen2({
      layers: 3,
      hidden: 128,
      heads: 4,
      kvHeads: 2,
      intermediate: 256,
      tieWordEmbeddings: true,
      maxPositionEmbeddings: 256,
      seed: 0,
      vocab: createByteTokenizer(),
    });
    await writeModelFolder({ folder: model, ...tiny, gguf: 'F32' });
    const records = join(folder, 'records.jsonl');
    await writeFile(
      records,
      problems
        .slice(0, 900)
        .map(({ question, thinking, answer }) => JSON.stringify({ question, thinking, answer }))
        .join('\n'),
    );
    const data = join(folder, 'train.jsonl');
    await formatDataset({ input: records, out: data, tokenizer: model, system });

    const started = Date.now();
    const result = await train({
      model,
      data,
      outDir: join(folder, 'run'),
      epochs: 25,
      batchSize: 16,
      gradientAccumulation: 1,
      learningRate: 2e-3,
      stepsPerCall: 8,
      saveEvery: 400,
    });
    const seconds = (Date.now() - started) / 1000;
    const final = result.finalModel as string;

    const untrained = await createOnnxRuntimeBackend({ model });
    const trained = await createOnnxRuntimeBackend({ model: final });
    try {
      const before = await heldOutAccuracy(untrained);
      const after = await heldOutAccuracy(trained);
      process.stdout.write(
        `running sums: ${seconds.toFixed(0)} s of training, held-out accuracy ${before} → ${after}\n`,
      );
      expect(before).toBeLessThan(0.05);
      expect(after).toBeGreaterThanOrEqual(0.9);
    } finally {
      await untrained.close();
    }
    expect(result.lossCurve.png).toMatch(/loss-curve\.png$/);

    // The exported model gives the same greedy thinking and answers on every runtime.
    const runtimes = [
      trained,
      await createTransformersBackend({ model: final }),
      await createLlamaCppBackend({
        model: join(final, 'model.gguf'),
        kvCacheType: 'F32',
        contextSize: 256,
        // llama.cpp's threads spin-wait for each other, which a loaded machine punishes.
        threads: 1,
      }),
    ];
    try {
      const outputs = await Promise.all(
        runtimes.map(async (backend) => {
          const controller = createBudgetForcing({
            backend,
            thinking: { max: 40 },
            answer: { maxTokens: 24 },
          });
          const texts: string[] = [];
          for (const problem of problems.slice(900, 910))
            texts.push((await controller.generate({ messages: messages(problem.question) })).text);
          return texts;
        }),
      );
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
    } finally {
      await Promise.all(runtimes.map((backend) => backend.close()));
    }
  }, 900_000);
});
