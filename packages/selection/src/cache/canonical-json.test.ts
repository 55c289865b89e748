import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('should sort keys at every depth and keep array order', () => {
    expect(canonicalJson({ b: [{ z: 1, y: 2 }, 3], a: { d: undefined, c: null } })).toBe(
      '{"a":{"c":null},"b":[{"y":2,"z":1},3]}',
    );
  });

  it('should have no form for undefined', () => {
    expect(canonicalJson(undefined)).toBeUndefined();
  });
});
