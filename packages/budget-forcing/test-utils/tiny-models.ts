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
