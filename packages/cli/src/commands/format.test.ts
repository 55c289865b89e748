import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecords } from '@s1/sft-data';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';

const s1K11 = fileURLToPath(
  new URL('../../../sft-data/src/__fixtures__/s1k-1.1.jsonl', import.meta.url),
);

describe('s1 format', () => {
  it('should write a tokenized Parquet set and print the length report', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-cli-format-'));
    const out = join(folder, 'train.parquet');
    const stats = join(folder, 'stats.json');
    const result = await run([
      'format',
      s1K11,
      '--out',
      out,
      '--stats',
      stats,
      '--block-sizes',
      '256,4096',
      '--traces',
      'gemini',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote 12 examples \(s1k-1\.1 records\)/);
    expect(result.stdout).toMatch(/0 invalid rows skipped/);
    expect(result.stdout).toMatch(/block size +cut off/);
    const { records } = await readRecords(out);
    expect(records).toHaveLength(12);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'text',
      'input_ids',
      'labels',
      'attention_mask',
    ]);
    expect(JSON.parse(await readFile(stats, 'utf8')).statistics.samples).toBe(12);
  }, 60_000);

  it('should fail with the row and field of an invalid record', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-cli-format-'));
    const result = await run([
      'format',
      s1K11,
      '--out',
      join(folder, 'x.parquet'),
      '--schema',
      's1k',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/s1k-1\.1\.jsonl.*1/);
    expect(result.stderr).toMatch(/thinking_trajectories/);
  });
});
