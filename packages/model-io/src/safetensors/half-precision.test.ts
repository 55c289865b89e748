import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
} from './half-precision';

const f32 = (value: number) => Math.fround(value);

describe('half precision', () => {
  it('should round float16 to nearest even, with subnormals and overflow', () => {
    const input = new Float32Array([
      0,
      -0,
      1,
      -2.5,
      65504,
      65520,
      1e-8,
      2 ** -24,
      2 ** -25,
      2 ** -25 * 3,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
    ]);
    expect([...float32ToFloat16(input)].map((bits) => bits.toString(16))).toEqual([
      '0',
      '8000',
      '3c00',
      'c100',
      '7bff',
      '7c00',
      '0',
      '1',
      '0',
      '2',
      '3c00',
      '3c02',
    ]);
  });

  it('should round-trip every float16 value through float32', () => {
    const all = new Uint16Array(65536).map((_, index) => index);
    const finite = all.filter((bits) => (bits & 0x7c00) !== 0x7c00 || (bits & 0x3ff) === 0);
    expect([...float32ToFloat16(float16ToFloat32(finite))]).toEqual([...finite]);
  });

  it('should round bfloat16 to nearest even and keep NaN', () => {
    const input = new Float32Array([
      1,
      f32(1 + 2 ** -8),
      f32(1 + 3 * 2 ** -8),
      -3.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
    const bits = float32ToBfloat16(input);
    expect([...bits.slice(0, 4)].map((value) => value.toString(16))).toEqual([
      '3f80',
      '3f80',
      '3f82',
      'c060',
    ]);
    expect(Number.isNaN(bfloat16ToFloat32(bits)[4])).toBe(true);
    expect(bfloat16ToFloat32(bits)[5]).toBe(Number.POSITIVE_INFINITY);
  });

  it('should stay within half a unit in the last place', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (value) => {
        const back = float16ToFloat32(float32ToFloat16(new Float32Array([value])))[0] as number;
        const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(value), 2 ** -14))) - 10);
        expect(Math.abs(back - value)).toBeLessThanOrEqual(ulp / 2 + 1e-12);
        const brain = bfloat16ToFloat32(float32ToBfloat16(new Float32Array([value])))[0] as number;
        expect(Math.abs(brain - value)).toBeLessThanOrEqual(Math.abs(value) * 2 ** -8 + 1e-38);
      }),
    );
  });
});
