import { spawnSync } from 'node:child_process';
import { mkdtemp, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWithPython } from '../../../../tooling/python-tools';
import { ModelFormatError } from '../errors/model-format-error';
import { openSafetensors } from './read-safetensors';
import { writeSafetensors } from './write-safetensors';

async function temporaryFile(name: string) {
  return join(await mkdtemp(join(tmpdir(), 's1-safetensors-')), name);
}

const weights = new Float32Array([0.5, -1.25, 3, 1e-3, 65504, -0.0078125]);

describe('safetensors', () => {
  it('should write and read F32, F16 and BF16 tensors', async () => {
    const file = await temporaryFile('model.safetensors');
    await writeSafetensors(
      file,
      [
        { name: 'a.f32', shape: [2, 3], data: weights },
        { name: 'b.f16', shape: [6], data: weights, dtype: 'F16' },
        { name: 'c.bf16', shape: [3, 2], data: weights, dtype: 'BF16' },
        { name: 'd.i64', shape: [2], data: new BigInt64Array([7n, -1n]) },
      ],
      { format: 'pt' },
    );
    const model = await openSafetensors(file);
    try {
      expect(model.metadata).toEqual({ format: 'pt' });
      expect([...model.tensors.keys()]).toEqual(['a.f32', 'b.f16', 'c.bf16', 'd.i64']);
      expect(await model.readFloat32('a.f32')).toEqual(weights);
      expect([...(await model.readFloat32('b.f16'))]).toEqual([
        0.5, -1.25, 3, 0.0010004043579101562, 65504, -0.0078125,
      ]);
      expect([...(await model.readFloat32('c.bf16'))]).toEqual([
        0.5, -1.25, 3, 0.00099945068359375, 65536, -0.0078125,
      ]);
      expect([...((await model.readRaw('d.i64')) as BigInt64Array)]).toEqual([7n, -1n]);
    } finally {
      await model.close();
    }
  });

  itWithPython(
    ['numpy'],
    'should be readable by NumPy with the header layout of the format',
    async () => {
      const file = await temporaryFile('py.safetensors');
      await writeSafetensors(file, [{ name: 'w', shape: [2, 3], data: weights }]);
      const script = [
        'import json, struct, sys, numpy as np',
        'data = open(sys.argv[1], "rb").read()',
        'n = struct.unpack("<Q", data[:8])[0]',
        'assert (8 + n) % 8 == 0',
        'h = json.loads(data[8:8 + n])',
        's, e = h["w"]["data_offsets"]',
        'print(np.frombuffer(data[8 + n + s:8 + n + e], dtype="<f4").reshape(h["w"]["shape"]).tolist())',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
      expect(result.stdout.trim()).toBe(
        '[[0.5, -1.25, 3.0], [0.0010000000474974513, 65504.0, -0.0078125]]',
      );
    },
  );

  it('should refuse a truncated file, naming the tensor that runs past the end', async () => {
    const file = await temporaryFile('truncated.safetensors');
    await writeSafetensors(file, [
      { name: 'first', shape: [4], data: new Float32Array(4) },
      { name: 'second', shape: [4], data: new Float32Array(4) },
    ]);
    await truncate(file, (await stat(file)).size - 4);
    await expect(openSafetensors(file)).rejects.toThrow(ModelFormatError);
    await expect(openSafetensors(file)).rejects.toThrow(
      /tensor "second" ends at byte 32 of a 28-byte data section \(truncated\)/,
    );
  });

  it('should refuse a header length larger than the file', async () => {
    const file = await temporaryFile('bad-length.safetensors');
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64LE(1n << 40n);
    await writeFile(file, bytes);
    await expect(openSafetensors(file)).rejects.toThrow(/header claims 1099511627776 bytes/);
  });

  it('should refuse overlapping ranges, holes, wrong sizes, unknown dtypes and metadata that is not text, with ModelFormatError', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
        },
        12,
        /overlaps/,
      ],
      [{ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, 8, /hole of 4 bytes/],
      [{ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8, /needs 12/],
      [{ a: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, 1, /dtype F8_E4M3/],
      [
        { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } },
        8,
        /4 bytes after the last tensor/,
      ],
      [
        {
          __metadata__: { format: 'pt', step: 3 },
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
        },
        4,
        /__metadata__\.step must map names to strings/,
      ],
    ];
    for (const [header, dataBytes, message] of cases) {
      const file = await temporaryFile('bad.safetensors');
      const json = Buffer.from(JSON.stringify(header));
      const prefix = Buffer.alloc(8);
      prefix.writeBigUInt64LE(BigInt(json.length));
      await writeFile(file, Buffer.concat([prefix, json, Buffer.alloc(dataBytes)]));
      await expect(openSafetensors(file)).rejects.toThrow(message);
      await expect(openSafetensors(file)).rejects.toThrow(ModelFormatError);
    }
  });

  it('should write atomically, leaving no temporary file', async () => {
    const file = await temporaryFile('atomic.safetensors');
    await writeSafetensors(file, [{ name: 'x', shape: [1], data: new Float32Array([1]) }]);
    const folder = join(file, '..');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(folder)).toEqual(['atomic.safetensors']);
  });
});
