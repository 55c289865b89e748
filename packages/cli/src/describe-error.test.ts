import { BackendError } from '@s1/budget-forcing';
import { InvalidRecordError } from '@s1/sft-data';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

const invalidRow = new InvalidRecordError({
  file: 'pool.jsonl',
  row: 3,
  path: 'question',
  reason: 'expected string, received number',
  excerpt: '7',
});

describe('describeError', () => {
  it('should name --on-invalid skip for s1 format, and only there', () => {
    expect(describeError(invalidRow, 'format')).toBe(
      'pool.jsonl, row 3, question: expected string, received number (value: 7). Fix the row, or pass --on-invalid skip to leave it out and list it in the report.',
    );
    expect(describeError(invalidRow, 'select')).toBe(
      'pool.jsonl, row 3, question: expected string, received number (value: 7). Fix the row.',
    );
  });

  it('should say which package to install for a runtime, not to pass a module', () => {
    const missing = new BackendError({
      provider: 'onnxruntime',
      message:
        'could not load "onnxruntime-node". Install it or pass the module as the "lib" option.',
      missingPackage: 'onnxruntime-node',
    });
    expect(describeError(missing, 'generate')).toBe(
      'this --runtime needs the package onnxruntime-node, which is not installed: npm install onnxruntime-node',
    );
  });

  it('should say what an operating-system error means, on the path the user named', () => {
    const error = Object.assign(
      new Error("ENOTDIR: not a directory, lstat 'a/.b.parquet.123.9f.tmp'"),
      {
        code: 'ENOTDIR',
        path: 'data/a/.b.parquet.123.9f.tmp',
      },
    );
    expect(describeError(error, 'format')).toBe(
      'cannot use data/a/b.parquet: a part of the path is a file, not a folder (ENOTDIR)',
    );
  });

  it('should keep any other message as it is', () => {
    expect(describeError(new Error('plain'), 'eval')).toBe('plain');
  });
});
