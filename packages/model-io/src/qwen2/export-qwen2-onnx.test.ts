import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithPython } from '../../../../tooling/python-tools';
import { compareWithNumpy } from '../../test-utils/numpy-reference';
import { createOnnxRunner } from '../../test-utils/onnx-runner';
import { writeOnnxModel } from '../onnx/write-onnx-model';
import { createTinyQwen2, type TinyQwen2Options } from './create-tiny-qwen2';
import { exportQwen2Onnx } from './export-qwen2-onnx';
import { writeModelFolder } from './write-hugging-face-folder';

const prompts = [
  [151644, 872, 198, 9707, 13824, 151645, 198, 151644, 77091, 198],
  [40, 1079, 264, 2613, 1614, 13],
];

async function exported(options: TinyQwen2Options) {
  const tiny = createTinyQwen2(options);
  const folder = await mkdtemp(join(tmpdir(), 's1-tiny-qwen2-'));
  await writeModelFolder({ folder, ...tiny });
  return { ...tiny, folder, modelPath: join(folder, 'onnx', 'model.onnx') };
}

describeWithPython(['numpy'], 'exportQwen2Onnx against the NumPy reference', () => {
  it.each([
    [
      'grouped-query attention, tied embeddings',
      { layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 1, tieWordEmbeddings: true },
    ],
    [
      'one KV head per head, untied embeddings',
      { layers: 1, hidden: 48, heads: 3, kvHeads: 3, seed: 2, tieWordEmbeddings: false },
    ],
  ] as const)(
    'should match every logit of a prompt (%s)',
    async (_name, options) => {
      const model = await exported(options);
      const runner = await createOnnxRunner(model.modelPath, model.architecture);
      try {
        const logits: Float32Array[] = [];
        for (const prompt of prompts)
          logits.push((await runner.step([prompt], [prompt.map(() => 1)], undefined)).logits);
        const all = new Float32Array(logits.reduce((sum, block) => sum + block.length, 0));
        let offset = 0;
        for (const block of logits) {
          all.set(block, offset);
          offset += block.length;
        }
        expect(compareWithNumpy(model.folder, prompts, all).maxAbsDiff).toBeLessThan(1e-4);
      } finally {
        await runner.release();
      }
    },
    60_000,
  );

  it('should decode with the KV cache exactly as a full recomputation', async () => {
    const model = await exported({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 3 });
    const runner = await createOnnxRunner(model.modelPath, model.architecture);
    try {
      const prompt = prompts[0] as number[];
      const { tokens, logits } = await runner.greedy(prompt, 8);
      // Each step's logits, checked against the reference on the whole sequence so far.
      const sequences = tokens.map((_, index) => [...prompt, ...tokens.slice(0, index)]);
      const reference = compareWithNumpy(
        model.folder,
        [prompt],
        (await runner.step([prompt], [prompt.map(() => 1)], undefined)).logits,
        8,
      );
      expect(reference.greedy[0]).toEqual(tokens);
      for (const [index, sequence] of sequences.entries()) {
        const full = (await runner.step([sequence], [sequence.map(() => 1)], undefined)).logits;
        const last = full.subarray(full.length - model.architecture.vocabSize);
        const step = logits[index] as Float32Array;
        let difference = 0;
        for (let id = 0; id < last.length; id++)
          difference = Math.max(difference, Math.abs((last[id] as number) - (step[id] as number)));
        expect(difference).toBeLessThan(1e-4);
      }
    } finally {
      await runner.release();
    }
  }, 60_000);
});

// These compare the exported model with itself: no reference needed.
describe('exportQwen2Onnx', () => {
  it('should give a left-padded row of a batch the logits of the row alone', async () => {
    const model = await exported({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 4 });
    const runner = await createOnnxRunner(model.modelPath, model.architecture);
    try {
      const [long, short] = prompts as [number[], number[]];
      const padded = [...long.slice(0, long.length - short.length).map(() => 151643), ...short];
      const mask = [
        long.map(() => 1),
        [...long.slice(0, long.length - short.length).map(() => 0), ...short.map(() => 1)],
      ];
      const batch = (await runner.step([long, padded], mask, undefined)).logits;
      const alone = (await runner.step([short], [short.map(() => 1)], undefined)).logits;
      const vocab = model.architecture.vocabSize;
      const lastOfPadded = batch.subarray(batch.length - vocab);
      const lastAlone = alone.subarray(alone.length - vocab);
      let difference = 0;
      for (let id = 0; id < vocab; id++)
        difference = Math.max(
          difference,
          Math.abs((lastOfPadded[id] as number) - (lastAlone[id] as number)),
        );
      expect(difference).toBeLessThan(1e-4);
    } finally {
      await runner.release();
    }
  }, 60_000);

  it('should load with weights in an external data file', async () => {
    const model = await exported({ layers: 1, hidden: 32, heads: 2, kvHeads: 1, seed: 5 });
    const externalPath = join(model.folder, 'onnx', 'external.onnx');
    await writeOnnxModel(externalPath, exportQwen2Onnx(model.architecture, model.weights), {
      externalDataThreshold: 1024,
    });
    expect(await readdir(join(model.folder, 'onnx'))).toContain('external.onnx_data');
    const [inline, external] = [
      await createOnnxRunner(model.modelPath, model.architecture),
      await createOnnxRunner(externalPath, model.architecture),
    ];
    const prompt = prompts[1] as number[];
    const mask = [prompt.map(() => 1)];
    expect((await external.step([prompt], mask, undefined)).logits).toEqual(
      (await inline.step([prompt], mask, undefined)).logits,
    );
    await inline.release();
    await external.release();
  }, 60_000);
});
