import { rm } from 'node:fs/promises';
import { InvalidArgumentError, validate, writeFileAtomically } from '@s1/errors';
import { z } from 'zod';
import { iterateRecords } from '../io/iterate-records';
import type { ReadReport } from '../io/read-report';
import { writeJsonlFile, writeParquetFile } from '../io/write-records';
import {
  type RecordSchemaName,
  recordSchemaNameOf,
  recordSchemas,
} from '../records/record-schema-for';
import type { ExampleLengths } from '../stats/example-lengths';
import {
  defaultBlockSizes,
  type LengthStatistics,
  lengthStatistics,
} from '../stats/length-statistics';
import type { TokenizedRecord } from '../workers/tokenize-record';
import {
  type TokenizeRecordStreamOptions,
  tokenizeRecordStream,
  tokenizeRecordStreamOptionsShape,
} from '../workers/tokenize-record-stream';
import { refuseInputAsOutput } from './refuse-input-as-output';

/** Options of {@link formatDataset}: the files, the schema, and how records are tokenized. */
export interface FormatDatasetOptions extends TokenizeRecordStreamOptions {
  /** A `.jsonl`, `.json` or `.parquet` file, or a Hugging Face dataset folder. */
  input: string;
  /** The tokenized dataset: `.parquet` (default) or `.jsonl`. */
  out: string;
  /** Where to write the statistics as JSON. */
  statisticsPath?: string | undefined;
  /** The schema rows are validated with. @default 'auto': from the first row's columns */
  schema?: RecordSchemaName | 'auto' | undefined;
  /**
   * `fail` throws `InvalidRecordError` at an invalid row; `skip` leaves it out and reports it.
   * @default 'fail'
   */
  onInvalid?: 'fail' | 'skip' | undefined;
  /** Stop after this many records. @default all */
  limit?: number | undefined;
  /** Block sizes the statistics report cut-offs for. @default 4,096 / 8,192 / 16,384 / 32,768 */
  blockSizes?: readonly number[] | undefined;
}

/** What {@link formatDataset} read, wrote and measured. */
export interface FormatDatasetResult {
  /** What the read went through: files, rows read and skipped. */
  report: ReadReport;
  /** The schema the rows were validated with. */
  schema: RecordSchemaName;
  /** Examples written. */
  examples: number;
  /** Examples cut at the block size, and the tokens cut. */
  truncatedExamples: number;
  /** Tokens cut off at the block size, over all examples. */
  truncatedTokens: number;
  /** Examples with no trained token, with the reason of each. */
  untrained: {
    /** The example's 1-based position in the output. */
    row: number;
    /** Why it trains on nothing. */
    warning: string;
  }[];
  /** The length distributions and block-size cut-offs of the examples. */
  statistics: LengthStatistics;
}

const formatDatasetOptionsSchema = z.strictObject({
  ...tokenizeRecordStreamOptionsShape,
  input: z.string().min(1),
  out: z.string().min(1),
  statisticsPath: z.string().min(1).optional(),
  schema: z.enum(['s1k', 's1k-1.1', 'sft', 'auto']).optional(),
  onInvalid: z.enum(['fail', 'skip']).optional(),
  limit: z.number().int().nonnegative().optional(),
  blockSizes: z.array(z.number().int().positive()).readonly().optional(),
} satisfies Record<keyof FormatDatasetOptions, z.ZodType>);

const tokenizedColumns = [
  { name: 'text', type: 'string' },
  { name: 'input_ids', type: 'list<int32>' },
  { name: 'labels', type: 'list<int32>' },
  { name: 'attention_mask', type: 'list<int32>' },
] as const;

/**
 * The data job end to end: reads a dataset, formats each record as s1 trains on it, tokenizes
 * and labels it (in worker threads for large sets), writes the tokenized set (Parquet that
 * Hugging Face `datasets` and TRL read, or JSONL) and the length statistics. Records stream from
 * reader to writer, so memory is bounded by a row group, not by the dataset.
 *
 * Both outputs are written atomically, and the old statistics file is removed just before the
 * new dataset replaces the old one: after a crash, a statistics file always describes the
 * dataset beside it.
 *
 * @example
 * const result = await formatDataset({ input: 's1K/', out: 's1K_tokenized.parquet', tokenizer: './Qwen2.5-32B-Instruct' });
 * console.log(formatStatisticsTable(result.statistics));
 */
export async function formatDataset(options: FormatDatasetOptions): Promise<FormatDatasetResult> {
  validate(formatDatasetOptionsSchema, options, 'formatDataset options');
  const {
    input,
    out,
    statisticsPath,
    schema: schemaOption,
    onInvalid,
    limit,
    blockSizes,
    ...tokenizing
  } = options;
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
    schemaOption === undefined || schemaOption === 'auto'
      ? await firstRowSchema(input)
      : schemaOption;
  const rows = iterateRecords(input, { schema: recordSchemas[schema], onInvalid, limit });
  const tally = new FormatTally();
  async function* outputRows() {
    for await (const example of tokenizeRecordStream(rows, tokenizing)) {
      tally.add(example);
      yield {
        text: example.text,
        input_ids: example.inputIds,
        labels: example.labels,
        attention_mask: example.attentionMask,
      };
    }
  }
  await writeFileAtomically(
    out,
    (temporaryPath) =>
      out.endsWith('.jsonl')
        ? writeJsonlFile(temporaryPath, outputRows())
        : writeParquetFile(temporaryPath, outputRows(), { columns: tokenizedColumns }),
    {
      beforeReplace: async () => {
        if (statisticsPath !== undefined) await rm(statisticsPath, { force: true });
      },
    },
  );

  const result: FormatDatasetResult = {
    report: rows.report,
    schema,
    ...tally.summary(blockSizes ?? defaultBlockSizes),
  };
  if (statisticsPath !== undefined) {
    await writeFileAtomically(statisticsPath, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

async function firstRowSchema(input: string): Promise<RecordSchemaName> {
  for await (const row of iterateRecords(input, { limit: 1 })) return recordSchemaNameOf(row);
  return 'sft';
}

/** What the result reports of the examples, gathered as they stream past. */
class FormatTally {
  #examples = 0;
  #truncatedExamples = 0;
  #truncatedTokens = 0;
  #untrained: { row: number; warning: string }[] = [];
  #lengths: ExampleLengths[] = [];

  add(example: TokenizedRecord): void {
    this.#examples++;
    if (example.truncatedTokens > 0) {
      this.#truncatedExamples++;
      this.#truncatedTokens += example.truncatedTokens;
    }
    for (const warning of example.warnings) {
      this.#untrained.push({ row: this.#examples, warning });
    }
    this.#lengths.push(example.lengths);
  }

  summary(blockSizes: readonly number[]) {
    return {
      examples: this.#examples,
      truncatedExamples: this.#truncatedExamples,
      truncatedTokens: this.#truncatedTokens,
      untrained: this.#untrained,
      statistics: lengthStatistics(this.#lengths, blockSizes),
    };
  }
}
