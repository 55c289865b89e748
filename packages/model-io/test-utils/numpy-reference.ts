import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/qwen2_reference.py', import.meta.url));

/**
 * Compares logits (every position of every sequence, concatenated) with the NumPy reference for
 * the model in `folder`, and returns the largest absolute difference and the reference's greedy
 * continuations.
 */
export function compareWithNumpy(
  folder: string,
  sequences: readonly (readonly number[])[],
  logits: Float32Array,
  greedy = 0,
): { maxAbsDiff: number; greedy: number[][] } {
  const logitsFile = join(folder, 'logits-under-test.f32');
  writeFileSync(logitsFile, new Uint8Array(logits.buffer, logits.byteOffset, logits.byteLength));
  const result = spawnSync(
    'python3',
    [script, folder, JSON.stringify({ ids: sequences, greedy, logits_file: logitsFile })],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`the NumPy reference failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { max_abs_diff: number; greedy: number[][] };
  return { maxAbsDiff: parsed.max_abs_diff, greedy: parsed.greedy };
}
