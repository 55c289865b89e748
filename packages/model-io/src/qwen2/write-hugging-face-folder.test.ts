import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTinyQwen2 } from './create-tiny-qwen2';
import { writeModelFolder } from './write-hugging-face-folder';

describe('writeModelFolder', () => {
  it('should let two writes of one folder overlap and leave only whole files behind', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-model-folder-'));
    try {
      const tiny = createTinyQwen2({ layers: 1, hidden: 16, heads: 2, kvHeads: 1, seed: 3 });
      const write = () => writeModelFolder({ folder, ...tiny, onnx: false });
      await Promise.all([write(), write()]);
      expect((await readdir(folder)).sort()).toEqual([
        'config.json',
        'generation_config.json',
        'model.safetensors',
        'onnx',
        'tokenizer.json',
        'tokenizer_config.json',
      ]);
      const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8'));
      expect(config.num_hidden_layers).toBe(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
