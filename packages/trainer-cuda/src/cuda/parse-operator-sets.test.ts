import { describe, expect, it } from 'vitest';
import { parseOperatorSets } from './parse-operator-sets';

describe('parseOperatorSets', () => {
  it('should collect the versions of each op once, in order', () => {
    const header = `
// Forward declarations for ai.onnx version 14
class ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, 14, Add);
class ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, 1, Add);
class ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, 9, Where);
    fn(GetOpSchema<ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, 14, Add)>());
`;

    expect(parseOperatorSets(header, { file: 'operator_sets.h' })).toEqual([
      { domain: 'ai.onnx', op: 'Add', versions: [1, 14] },
      { domain: 'ai.onnx', op: 'Where', versions: [9] },
    ]);
  });

  it('should refuse a file with no op versions', () => {
    expect(() => parseOperatorSets('#pragma once\n', { file: 'operator_sets.h' })).toThrow(
      /^operator_sets\.h: no ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME/,
    );
  });
});
