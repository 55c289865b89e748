import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTinyQwen2, type TinyQwen2Options, writeModelFolder } from '@s1/model-io';

/** A tiny random Qwen2 model written once as a Hugging Face folder with ONNX and F32 GGUF. */
export async function tinyModelFolder(
  options: TinyQwen2Options = { layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 11 },
) {
  const folder = await mkdtemp(join(tmpdir(), 's1-tiny-model-'));
  await writeModelFolder({ folder, ...createTinyQwen2(options), gguf: 'F32' });
  return { folder, gguf: join(folder, 'model.gguf') };
}

/**
 * A tiny model that tries to end thinking now and then: its output row for `<|im_start|>` is
 * scaled up, so that token wins the argmax every few steps (seed 21: first at step 3 or 7).
 */
export async function tinyThinkingModelFolder() {
  const tiny = createTinyQwen2({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 21 });
  const head = tiny.weights.get('lm_head.weight') as Float32Array;
  const hidden = tiny.architecture.hiddenSize;
  for (let index = 0; index < hidden; index++)
    head[151644 * hidden + index] = (head[151644 * hidden + index] as number) * 4;
  const folder = await mkdtemp(join(tmpdir(), 's1-thinking-model-'));
  await writeModelFolder({ folder, ...tiny, gguf: 'F32' });
  return { folder, gguf: join(folder, 'model.gguf') };
}
