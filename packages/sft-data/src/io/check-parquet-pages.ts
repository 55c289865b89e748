import type { AsyncBuffer, ColumnMetaData, PageHeader, RowGroup } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { damagedParquetError } from './damaged-parquet-error';

/**
 * Checks the page headers of every column chunk of a row group before hyparquet decodes it.
 * hyparquet trusts them: a damaged header that lacks a count (say the byte length of a V2
 * page's levels) sends its decoder into a loop that never ends, with no error to catch. Like a
 * reader, the check stops once the pages hold the chunk's count of values, so bytes after them
 * do not matter.
 */
export async function checkParquetPages(
  file: string,
  buffer: AsyncBuffer,
  rowGroup: RowGroup,
  rowGroupIndex: number,
): Promise<void> {
  for (const { meta_data: column } of rowGroup.columns) {
    // checkParquetLayout has seen every chunk's metadata.
    if (column === undefined) continue;
    const where = `column "${column.path_in_schema.join('.')}" of row group ${rowGroupIndex}`;
    const fail = (problem: string): never => {
      throw damagedParquetError(file, `not a valid Parquet file: ${where}: ${problem}`);
    };
    const values = column.num_values;
    if (!isCount(values)) return fail(`no valid count of values (${String(values)})`);
    const [start, end] = chunkBytes(column);
    if (!(isCount(start) && isCount(end) && start <= end && end <= buffer.byteLength)) {
      return fail(`its bytes ${start} to ${end} lie outside the file's ${buffer.byteLength}`);
    }
    const reader = { view: new DataView(await buffer.slice(start, end)), offset: 0 };
    let valuesSeen = 0;
    while (valuesSeen < Number(values) && reader.offset < reader.view.byteLength) {
      const pageStart = start + reader.offset;
      const page = parquetHeader(reader);
      const problem = pageProblem(page, reader.view.byteLength - reader.offset, Number(values));
      if (problem !== undefined) fail(`the page at byte ${pageStart} has ${problem}`);
      valuesSeen += page.data_page_header?.num_values ?? page.data_page_header_v2?.num_values ?? 0;
      reader.offset += page.compressed_page_size;
    }
  }
}

// Where hyparquet reads a chunk from: its dictionary page, if any, starts it.
function chunkBytes(column: ColumnMetaData): [start: number, end: number] {
  const start = Number(column.dictionary_page_offset || column.data_page_offset);
  return [start, start + Number(column.total_compressed_size)];
}

function pageProblem(page: PageHeader, bytesLeft: number, chunkValues: number): string | undefined {
  const size = page.compressed_page_size;
  if (!isCount(size) || !isCount(page.uncompressed_page_size)) return 'no valid page size';
  if (size > bytesLeft) return `${size} bytes, more than the ${bytesLeft} left in the chunk`;
  const counts = headerCounts(page);
  const invalid = Object.entries(counts ?? {}).find(([, count]) => !isCount(count));
  if (invalid !== undefined) return `no valid ${invalid[0]} in its ${page.type} header`;
  const values = Number(counts?.num_values ?? 0);
  if (page.type !== 'DICTIONARY_PAGE' && values > chunkValues) {
    return `${values} values, more than the ${chunkValues} of its chunk`;
  }
  const v2 = page.data_page_header_v2;
  if (
    v2 !== undefined &&
    v2.definition_levels_byte_length + v2.repetition_levels_byte_length > size
  ) {
    return `levels longer than its ${size} bytes`;
  }
  return undefined;
}

/** The counts hyparquet reads from a page header of each type it decodes. */
function headerCounts(page: PageHeader): Record<string, unknown> | undefined {
  switch (page.type) {
    case 'DATA_PAGE':
      return { num_values: page.data_page_header?.num_values };
    case 'DICTIONARY_PAGE':
      return { num_values: page.dictionary_page_header?.num_values };
    case 'DATA_PAGE_V2': {
      const header = page.data_page_header_v2;
      return {
        num_values: header?.num_values,
        num_nulls: header?.num_nulls,
        num_rows: header?.num_rows,
        definition_levels_byte_length: header?.definition_levels_byte_length,
        repetition_levels_byte_length: header?.repetition_levels_byte_length,
      };
    }
    default:
      // hyparquet refuses other page types with an error of its own.
      return undefined;
  }
}

/** A count as Parquet stores it: a non-negative integer, as a number or a bigint. */
function isCount(value: unknown): value is number | bigint {
  return typeof value === 'bigint'
    ? value >= 0n
    : Number.isSafeInteger(value) && Number(value) >= 0;
}
