import type {
  AsyncBuffer,
  ColumnMetaData,
  Compressors,
  DataReader,
  PageHeader,
  RowGroup,
  SchemaTree,
} from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';
import { countHybridValues, RunProblem } from './check-parquet-runs';
import { damagedParquetError } from './damaged-parquet-error';

/** What hyparquet decodes a row group with. */
export interface PageDecoding {
  schema: SchemaTree;
  compressors: Compressors;
}

/**
 * Checks the pages of every column chunk of a row group before hyparquet decodes it: their
 * headers, and the runs of their levels, dictionary indices and booleans. hyparquet trusts them:
 * a damaged header that lacks a count (say the byte length of a V2 page's levels) sends its
 * decoder into a loop that never ends, and a run longer than its page aborts the process, with
 * no error to catch. Like a reader, the check stops once the pages hold the chunk's count of
 * values, so bytes after them do not matter.
 */
export async function checkParquetPages(
  file: string,
  buffer: AsyncBuffer,
  rowGroup: RowGroup,
  rowGroupIndex: number,
  decoding: PageDecoding,
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
    const levels = columnLevels(decoding.schema, column);
    let valuesSeen = 0;
    while (valuesSeen < Number(values) && reader.offset < reader.view.byteLength) {
      const pageStart = start + reader.offset;
      const page = parquetHeader(reader);
      const problem = pageProblem(page, reader.view.byteLength - reader.offset, Number(values));
      if (problem !== undefined) fail(`the page at byte ${pageStart} has ${problem}`);
      const bytes = new Uint8Array(
        reader.view.buffer,
        reader.view.byteOffset + reader.offset,
        page.compressed_page_size,
      );
      const runs = runsProblem(page, bytes, column, levels, decoding.compressors);
      if (runs !== undefined) fail(`the page at byte ${pageStart} has ${runs}`);
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

interface ColumnLevels {
  maxRepetition: number;
  maxDefinition: number;
  /** hyparquet reads the repetition levels of a version 1 page only below the top level. */
  nested: boolean;
}

function columnLevels(schema: SchemaTree, column: ColumnMetaData): ColumnLevels {
  const path = getTreePath(schema, column.path_in_schema);
  return {
    maxRepetition: getMaxRepetitionLevel(path),
    maxDefinition: getMaxDefinitionLevel(path),
    nested: path.length > 1,
  };
}

/**
 * Walks the hybrid-encoded streams of a data page as hyparquet's readDataPage (version 1) and
 * readDataPageV2 will decode them, decompressing the page where they lie inside the compressed
 * bytes: the levels, then dictionary indices or RLE booleans.
 */
function runsProblem(
  page: PageHeader,
  bytes: Uint8Array,
  column: ColumnMetaData,
  levels: ColumnLevels,
  compressors: Compressors,
): string | undefined {
  const header =
    page.type === 'DATA_PAGE'
      ? page.data_page_header
      : page.type === 'DATA_PAGE_V2'
        ? page.data_page_header_v2
        : undefined;
  if (header === undefined) return undefined;
  const hybridValues = hybridEncodings.has(header.encoding);
  // Nothing hybrid to walk: the decompression is left to hyparquet.
  if (levels.maxRepetition === 0 && levels.maxDefinition === 0 && !hybridValues) return undefined;
  const where = { stream: '' };
  try {
    if (page.type === 'DATA_PAGE') {
      const data = decompressPage(bytes, page.uncompressed_page_size, column.codec, compressors);
      walkVersion1(readerOf(data), header.num_values, header.encoding, column, levels, where);
    } else if (page.data_page_header_v2 !== undefined) {
      const size = page.uncompressed_page_size;
      walkVersion2(bytes, size, page.data_page_header_v2, column, levels, compressors, where);
    }
    return undefined;
  } catch (error) {
    if (error instanceof RunProblem) return `${error.message} in its ${where.stream}`;
    throw error;
  }
}

function walkVersion1(
  reader: DataReader,
  count: number,
  encoding: string,
  column: ColumnMetaData,
  { maxRepetition, maxDefinition, nested }: ColumnLevels,
  where: { stream: string },
): void {
  if (nested && maxRepetition > 0) {
    where.stream = 'repetition levels';
    countHybridValues(reader, bitWidth(maxRepetition), count, undefined, -1);
  }
  let nulls = 0;
  if (maxDefinition > 0) {
    where.stream = 'definition levels';
    const width = bitWidth(maxDefinition);
    nulls = count - countHybridValues(reader, width, count, undefined, maxDefinition);
  }
  if (!hybridEncodings.has(encoding)) return;
  where.stream = 'values';
  const boolean = column.type === 'BOOLEAN';
  const width = boolean ? 1 : reader.view.getUint8(reader.offset++);
  if (width === 0) return;
  const length = boolean ? undefined : reader.view.byteLength - reader.offset;
  countHybridValues(reader, width, count - nulls, length, -1);
}

function walkVersion2(
  bytes: Uint8Array,
  uncompressedSize: number,
  header: NonNullable<PageHeader['data_page_header_v2']>,
  column: ColumnMetaData,
  { maxRepetition, maxDefinition }: ColumnLevels,
  compressors: Compressors,
  where: { stream: string },
): void {
  // The levels come first, uncompressed, each of the length the header gives.
  const repetitionLength = header.repetition_levels_byte_length;
  const definitionLength = header.definition_levels_byte_length;
  const levelsReader = readerOf(bytes);
  if (maxRepetition > 0) {
    where.stream = 'repetition levels';
    countHybridValues(
      levelsReader,
      bitWidth(maxRepetition),
      header.num_values,
      repetitionLength,
      -1,
    );
  }
  levelsReader.offset = repetitionLength;
  if (maxDefinition > 0) {
    where.stream = 'definition levels';
    const width = bitWidth(maxDefinition);
    countHybridValues(levelsReader, width, header.num_values, definitionLength, -1);
  }
  if (!hybridEncodings.has(header.encoding)) return;
  where.stream = 'values';
  const size = uncompressedSize - definitionLength - repetitionLength;
  const compressed = bytes.subarray(levelsReader.offset);
  const reader = readerOf(
    header.is_compressed === false
      ? compressed
      : decompressPage(compressed, size, column.codec, compressors),
  );
  const count = header.num_values - header.num_nulls;
  if (header.encoding === 'RLE') {
    countHybridValues(reader, 1, count, undefined, -1);
  } else {
    const width = reader.view.getUint8(reader.offset++);
    countHybridValues(reader, width, count, size - 1, -1);
  }
}

function readerOf(bytes: Uint8Array): DataReader {
  return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
}

// The value encodings hyparquet decodes with readRleBitPackedHybrid.
const hybridEncodings = new Set(['RLE', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY']);

// The bits of a level up to `value`, as hyparquet computes them.
function bitWidth(value: number): number {
  return 32 - Math.clz32(value);
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
