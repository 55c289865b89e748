import { describe, expect, it } from 'vitest';
import { listCudaKernels } from './list-cuda-kernels';
import { readCudaKernelTable } from './read-cuda-kernel-table';

const table = readCudaKernelTable();

describe('listCudaKernels', () => {
  it('should list every registered range', () => {
    const listing = listCudaKernels({ table });

    expect(listing).toHaveLength(
      table.records.reduce((sum, record) => sum + record.kernels.length, 0),
    );
    expect(listing).toContainEqual({
      domain: 'ai.onnx',
      op: 'Where',
      opsets: '[9, 15]',
      types: expect.objectContaining({ B: ['tensor(bool)'] }),
    });
  });

  it('should list the kernel each op gets at an opset', () => {
    const listing = listCudaKernels({ opsets: { 'ai.onnx': 18 }, table });
    const ops = listing.map(({ op }) => op);

    expect(new Set(listing.map(({ domain }) => domain))).toEqual(new Set(['ai.onnx']));
    expect(listing.find(({ op }) => op === 'Pad')?.opsets).toBe('18+');
    expect(ops).not.toContain('Mean');
    expect(new Set(ops).size).toBe(ops.length);
  });
});
