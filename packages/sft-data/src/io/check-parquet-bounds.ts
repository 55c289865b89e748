import { InvalidFileError } from '@s1/errors';
import type { AsyncBuffer } from 'hyparquet';

const magic = 'PAR1';
// "PAR1" + file metadata + 4-byte metadata length + "PAR1".
const framingBytes = 12;

/**
 * Checks the frame of a Parquet file before hyparquet reads it, so a truncated or foreign file
 * fails with what is wrong instead of an out-of-bounds read deep in the decoder.
 */
export async function checkParquetBounds(file: string, buffer: AsyncBuffer): Promise<void> {
  const size = buffer.byteLength;
  const fail = (reason: string): never => {
    throw new InvalidFileError({ file, reason: `not a valid Parquet file: ${reason}` });
  };
  if (size < framingBytes) fail(`${size} bytes, shorter than the ${framingBytes} of an empty file`);
  const decoder = new TextDecoder('latin1');
  const head = decoder.decode(await buffer.slice(0, 4));
  if (head !== magic) fail(`starts with ${JSON.stringify(head)} instead of "PAR1"`);
  const tail = new DataView(await buffer.slice(size - 8, size));
  const tailMagic = decoder.decode(new Uint8Array(tail.buffer, 4, 4));
  if (tailMagic !== magic) {
    fail(
      `ends with ${JSON.stringify(tailMagic)} instead of "PAR1" (truncated or still being written?)`,
    );
  }
  const footerLength = tail.getUint32(0, true);
  if (footerLength > size - framingBytes) {
    fail(`footer of ${footerLength} bytes does not fit in a file of ${size} bytes`);
  }
}
