import { describe, expect, it } from 'vitest';
import { countHybridValues, RunProblem } from './check-parquet-runs';

const readerOf = (bytes: number[]) => ({
  view: new DataView(Uint8Array.from(bytes).buffer),
  offset: 0,
});

// A varint of 0x7ffffffe: an RLE run header of 2^30 - 1 repeats.
const hugeRun = [0xfe, 0xff, 0xff, 0xff, 0x07];

describe('countHybridValues', () => {
  it('counts the values of RLE and bit-packed runs as hyparquet decodes them, ending at the length', () => {
    // 6 ones (RLE), then one bit-packed group of 1,0,1,0,1,0,1,0 of which 4 are wanted; a
    // trailing byte that the length covers.
    const reader = readerOf([0x0c, 0x01, 0x03, 0x55, 0xaa]);
    expect(countHybridValues(reader, 1, 10, 5, 1)).toBe(8);
    expect(reader.offset).toBe(5);
  });

  it('reads the length from the stream when the page header does not give it', () => {
    const reader = readerOf([2, 0, 0, 0, 0x14, 0x02, 0xff]);
    expect(countHybridValues(reader, 2, 10, undefined, 2)).toBe(10);
    expect(reader.offset).toBe(6);
  });

  it('decodes values wider than a byte, and of width 0 without reading them', () => {
    // Two bit-packed values of 9 bits each (rest of the group zero): 0x101 and 0x0ff.
    const wide = readerOf([0x03, 0x01, 0xff, 0x01, 0, 0, 0, 0, 0, 0]);
    expect(countHybridValues(wide, 9, 8, 10, 0x101)).toBe(1);
    const zero = readerOf([0x03, 0x00]);
    expect(countHybridValues(zero, 0, 8, 2, 0)).toBe(8);
  });

  it('refuses an RLE run longer than the values left, before hyparquet would expand it', () => {
    expect(() => countHybridValues(readerOf([...hugeRun, 1]), 1, 10, 6, 1)).toThrow(
      new RunProblem('a run of 1073741823 repeated values where 10 remain'),
    );
    // 4 values, then a run of 8 where 6 remain.
    expect(() => countHybridValues(readerOf([0x08, 1, 0x10, 1]), 1, 10, 4, 1)).toThrow(
      /a run of 8 repeated values where 6 remain/,
    );
  });

  it('refuses a bit-packed run of more groups than the values left need, or of a negative count', () => {
    expect(() => countHybridValues(readerOf([0x07, 0, 0, 0]), 1, 10, 4, 1)).toThrow(
      /a bit-packed run of 24 values where 10 remain/,
    );
    // Width 0 reads no bytes: hyparquet would spin once per claimed value.
    expect(() => countHybridValues(readerOf([0xff, 0xff, 0xff, 0x7f]), 0, 10, 4, 0)).toThrow(
      new RunProblem('a bit-packed run of 1073741816 values where 10 remain'),
    );
    expect(() => countHybridValues(readerOf([0xff, 0xff, 0xff, 0xff, 0x0f]), 0, 10, 5, 0)).toThrow(
      /a bit-packed run of -8 values/,
    );
  });

  it('throws a RangeError, as hyparquet does, for a stream cut short', () => {
    expect(() => countHybridValues(readerOf([0x0c]), 8, 6, 1, 0)).toThrow(RangeError);
    expect(() => countHybridValues(readerOf([0x03, 0x55]), 1, 20, 2, 0)).toThrow(RangeError);
  });
});
