import type { DataReader } from 'hyparquet';
import { readVarInt } from 'hyparquet/src/thrift.js';

/** A stream of runs that hyparquet cannot decode safely, and why. */
export class RunProblem extends Error {}

/**
 * Walks a stream of Parquet's RLE / bit-packed hybrid encoding (repetition and definition levels,
 * dictionary indices, booleans) exactly as hyparquet's `readRleBitPackedHybrid` decodes it into
 * `count` values, and counts the values equal to `counted`. hyparquet trusts the length of each
 * run: a damaged RLE run of 2^31 repeats grows its output array until V8 aborts the process (no
 * error to catch), and a bit-packed run of width 0 spins once per value it claims. Such a run
 * throws `RunProblem` here instead; a stream cut short throws the RangeError hyparquet would.
 * `length` is the stream's byte length when the page header gives it, else it is read from the
 * stream (4 bytes), as hyparquet does; the reader ends after the stream.
 */
export function countHybridValues(
  reader: DataReader,
  width: number,
  count: number,
  length: number | undefined,
  counted: number,
): number {
  let byteLength = length;
  if (byteLength === undefined) {
    byteLength = reader.view.getUint32(reader.offset, true);
    reader.offset += 4;
  }
  const start = reader.offset;
  let seen = 0;
  let matching = 0;
  while (seen < count) {
    const header = readVarInt(reader);
    const left = count - seen;
    if (header & 1) {
      // hyparquet decodes `(header >> 1) << 3` values, keeping those before `count`.
      const values = (header >> 1) << 3;
      if (values < 0 || values > Math.ceil(left / 8) * 8) {
        throw new RunProblem(`a bit-packed run of ${values} values where ${left} remain`);
      }
      matching += countBitPacked(reader, values, width, Math.min(values, left), counted);
      seen += Math.min(values, left);
    } else {
      const values = header >>> 1;
      if (values > left) {
        throw new RunProblem(`a run of ${values} repeated values where ${left} remain`);
      }
      let value = 0;
      for (let byte = 0; byte < (width + 7) >> 3; byte++) {
        value |= reader.view.getUint8(reader.offset++) << (byte << 3);
      }
      if (value === counted) matching += values;
      seen += values;
    }
  }
  reader.offset = start + byteLength;
  return matching;
}

// hyparquet's readBitPacked, bit for bit, so that the reader ends where it does: decodes `count`
// values and counts those equal to `counted` among the first `kept`.
function countBitPacked(
  reader: DataReader,
  count: number,
  width: number,
  kept: number,
  counted: number,
): number {
  const mask = (1 << width) - 1;
  let data = 0;
  if (reader.offset < reader.view.byteLength) {
    data = reader.view.getUint8(reader.offset++);
  } else if (mask) {
    throw new RangeError(`parquet bitpack offset ${reader.offset} out of range`);
  }
  // Every value of width 0 is 0 and reads nothing more.
  if (width === 0) return counted === 0 ? kept : 0;
  let matching = 0;
  let left = 8;
  let right = 0;
  for (let index = 0; index < count; ) {
    if (right > 8) {
      right -= 8;
      left -= 8;
      data >>>= 8;
    } else if (left - right < width) {
      data |= reader.view.getUint8(reader.offset) << left;
      reader.offset++;
      left += 8;
    } else {
      if (index < kept && ((data >> right) & mask) === counted) matching++;
      index++;
      right += width;
    }
  }
  return matching;
}
