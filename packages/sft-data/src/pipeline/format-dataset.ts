import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError } from '@s1/chat-template';
import { iterateRecords } from '../io/iterate-records';
import type { ReadReport } from '../io/read-report';
import { writeFileAtomically } from '../io/write-file-atomically';
import { writeJsonl, writeParquet } from '../io/write-records';
import {
  type RecordSchemaName,
  recordSchemaNameOf,
  recordSchemas,
} from '../records/record-schema-for';
import {
  defaultBlockSizes,
  type LengthStatistics,
  lengthStatistics,
} from '../stats/length-statistics';
import type { TokenizedRecord } from '../workers/tokenize-record';
import { type TokenizeRecordsOptions, tokenizeRecords } from '../workers/tokenize-records';
import { refuseInputAsOutput } from './refuse-input-as-output';

export interface FormatDatasetOptions extends TokenizeRecordsOptions {
  /** A `.jsonl`, `.json` or `.parquet` file, or a Hugging Face dataset folder. */
  input: string;
  /** The tokenized dataset: `.parquet` (default) or `.jsonl`. */
  out: string;
  /** Where to write the statistics as JSON. */
  statisticsPath?: string | undefined;
  /** The schema rows are validated with. @default 'auto': from the first row's columns */
  schema?: RecordSchemaName | 'auto' | undefined;
  /** @default 'fail' */
  onInvalid?: 'fail' | 'skip' | undefined;
  limit?: number | undefined;
  /** Block sizes the statistics report cut-offs for. @default 4,096 / 8,192 / 16,384 / 32,768 */
  blockSizes?: readonly number[] | undefined;
}

export interface FormatDatasetResult {
  report: ReadReport;
  schema: RecordSchemaName;
  examples: number;
  /** Examples cut at the block size, and the tokens cut. */
  truncatedExamples: number;
  truncatedTokens: number;
  /** Examples with no trained token, with the reason of each. */
  untrained: { row: number; warning: string }[];
  statistics: LengthStatistics;
}

const tokenizedColumns = [
  { name: 'text', type: 'string' },
  { name: 'input_ids', type: 'list<int32>' },
  { name: 'labels', type: 'list<int32>' },
  { name: 'attention_mask', type: 'list<int32>' },
] as const;

/**
 * The data job end to end: reads a dataset, formats each record as s1 trains on it, tokenizes
 * and labels it (in worker threads for large sets), writes the tokenized set (Parquet that
 * Hugging Face `datasets` and TRL read, or JSONL) and the length statistics.
 *
 * @example
 * const result = await formatDataset({ input: 's1K/', out: 's1K_tokenized.parquet', tokenizer: './Qwen2.5-32B-Instruct' });
 * console.log(formatStatisticsTable(result.statistics));
 */
export async function formatDataset(options: FormatDatasetOptions): Promise<FormatDatasetResult> {
  const { input, out, statisticsPath, onInvalid, limit, blockSizes, onProgress, ...tokenizing } =
    options;
  if (!/\.(parquet|jsonl)$/.test(out)) {
    throw new InvalidArgumentError({
      argument: 'formatDataset options',
      issues: [
        {
          path: 'out',
          message: `"${out}" must end in .parquet or .jsonl: the extension chooses the format`,
        },
      ],
    });
  }
  await refuseInputAsOutput(input, { out, statisticsPath });
  const schema =
    options.schema === undefined || options.schema === 'auto'
      ? await firstRowSchema(input)
      : options.schema;
  const rows = iterateRecords(input, { schema: recordSchemas[schema], onInvalid, limit });
  const records: unknown[] = [];
  for await (const record of rows) records.push(record);
  const tokenized = await tokenizeRecords(records, { ...tokenizing, onProgress });
  const outputRows = tokenized.map((example) => ({
    text: example.text,
    input_ids: example.inputIds,
    labels: example.labels,
    attention_mask: example.attentionMask,
  }));
  if (out.endsWith('.jsonl')) await writeJsonl(out, outputRows);
  else await writeParquet(out, outputRows, { columns: tokenizedColumns });

  const result: FormatDatasetResult = {
    report: rows.report,
    schema,
    examples: tokenized.length,
    ...truncation(tokenized),
    untrained: tokenized.flatMap((example, index) =>
      example.warnings.map((warning) => ({ row: index + 1, warning })),
    ),
    statistics: lengthStatistics(
      tokenized.map((example) => example.lengths),
      blockSizes ?? defaultBlockSizes,
    ),
  };
  if (statisticsPath !== undefined) {
    const json = `${JSON.stringify(result, null, 2)}\n`;
    await writeFileAtomically(statisticsPath, (temporary) => writeFile(temporary, json));
  }
  return result;
}

async function firstRowSchema(input: string): Promise<RecordSchemaName> {
  for await (const row of iterateRecords(input, { limit: 1 })) return recordSchemaNameOf(row);
  return 'sft';
}

function truncation(tokenized: readonly TokenizedRecord[]) {
  const cut = tokenized.filter((example) => example.truncatedTokens > 0);
  return {
    truncatedExamples: cut.length,
    truncatedTokens: cut.reduce((sum, example) => sum + example.truncatedTokens, 0),
  };
}
