export { blockDiagonalMask } from './batching/block-diagonal-mask';
export type { LabelledSequence } from './batching/labelled-sequence';
export {
  type LengthGroupedBatchesOptions,
  lengthGroupedBatches,
} from './batching/length-grouped-batches';
export {
  type PackedBlock,
  type PackSequencesOptions,
  packSequences,
} from './batching/pack-sequences';
export { type PadBatchOptions, type PaddedBatch, padBatch } from './batching/pad-batch';
export { seededPermutation } from './batching/seeded-permutation';
export { type FormatOptions, formatS1, trainingMessages } from './format/format-s1';
export { InvalidRecordError } from './io/invalid-record-error';
export {
  iterateRecords,
  type PlainRowSchema,
  type ReadRecordsOptions,
  type RecordIterable,
} from './io/iterate-records';
export type { ParquetColumn, ParquetColumnType, ParquetScalarType } from './io/parquet-columns';
export { readRecords } from './io/read-records';
export type { ReadReport, SkippedRow } from './io/read-report';
export {
  type ParquetCompressor,
  type WriteParquetOptions,
  writeJsonl,
  writeParquet,
} from './io/write-records';
export {
  type FormatDatasetOptions,
  type FormatDatasetResult,
  formatDataset,
} from './pipeline/format-dataset';
export { parsePythonLiteral } from './python-literal/parse-python-literal';
export {
  type RecordSchemaName,
  recordSchemaNameOf,
  recordSchemas,
} from './records/record-schema-for';
export {
  type S1K11Record,
  type S1KRecord,
  type SftRecord,
  s1K11RecordSchema,
  s1KRecordSchema,
  sftRecordSchema,
} from './records/s1k-schemas';
export { fromS1K, fromS1K11, type S1K11Traces, toSftRecord } from './records/to-sft-record';
export { type ExampleLengths, exampleLengths } from './stats/example-lengths';
export {
  type BlockSizeCutoff,
  type Distribution,
  defaultBlockSizes,
  formatStatisticsTable,
  type LengthStatistics,
  lengthStatistics,
} from './stats/length-statistics';
export {
  type CompletionOnlyLabels,
  type CompletionOnlyTemplates,
  completionOnlyLabels,
  ignoreIndex,
} from './tokenize/completion-only-labels';
export {
  defaultBlockSize,
  type Masking,
  type TokenizedExample,
  type TokenizeOptions,
  tokenizeForSft,
} from './tokenize/tokenize-for-sft';
export type { RecordOptions, TokenizedRecord } from './workers/tokenize-record';
export {
  type TokenizeRecordStreamOptions,
  tokenizeRecordStream,
} from './workers/tokenize-record-stream';
export { type TokenizeRecordsOptions, tokenizeRecords } from './workers/tokenize-records';
