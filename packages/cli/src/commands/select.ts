import {
  createSelection,
  decontaminationStage,
  domainStage,
  fieldAccessors,
  filterStage,
  qualityStage,
  type RecordAccessors,
  ranksByLength,
  type SelectionReport,
  type SelectionStage,
  samplingStage,
  traceLengthStage,
  writeSelection,
} from '@s1/selection';
import { iterateRecords, readRecords, recordSchemaNameOf } from '@s1/sft-data';
import { MultiBar } from 'cli-progress';
import { z } from 'zod';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { parseFlags, wholeNumber } from '../flags';
import { SelectionInputError } from './selection-input-error';

type Row = Record<string, unknown>;

const list = z.string().transform((value) => value.split(',').filter((item) => item !== ''));

const optionsSchema = z.strictObject({
  input: list,
  evalSets: list.default([]),
  stages: list
    .pipe(z.array(z.enum(['quality', 'decontaminate', 'difficulty', 'diversity'])))
    .default(['quality', 'decontaminate', 'difficulty', 'diversity']),
  n: wholeNumber('--n', { min: 1 }).default(1000),
  seed: wholeNumber('--seed').default(0),
  method: z.enum(['s1', 'random', 'diverse', 'longest', 'full']).default('s1'),
  solvedFields: list.default(['isqwen7bcorrect', 'isqwen32bcorrect']),
  out: z.string().min(1, '--out is required'),
  tokenizer: z.string().optional(),
  idField: z.string().default('id'),
  questionField: z.string().default('question'),
  traceField: z.string().optional(),
  answerField: z.string().optional(),
  sourceField: z.string().default('source_type'),
  domainField: z.string().default('domain'),
});
type SelectOptions = z.output<typeof optionsSchema>;

/**
 * `s1 select`: the s1 selection over one or more pools, with per-record drop reasons. Records
 * are keyed by their `id` field (else the question hash). Difficulty is read from the records'
 * solved flags (s1's `isqwen7bcorrect`, `isqwen32bcorrect`); domains from their domain field, or,
 * when no record has one, all records count as one domain; trace lengths in tokens of the
 * tokenizer (Qwen2.5 by default), from `thinking_trajectories`, or `thinking` in generic
 * `{ question, thinking, answer }` records, counted only for the samplers that rank by length
 * (s1, longest). Selecting nothing is an error that says why.
 */
export async function select(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseFlags(optionsSchema, rawOptions);
  const pool: Row[] = [];
  // One record at a time: spreading a file's records into `push` overflows the stack at ~100K.
  for (const file of options.input) {
    for await (const record of iterateRecords(file)) pool.push(record as Row);
  }
  if (pool.length === 0) {
    throw new SelectionInputError({
      input: options.input,
      problem: 'no record to select from: --input holds no records',
      fix: 'give a file with at least one record',
    });
  }
  // Generic records, the shape `s1 format` reads besides s1K and s1K-1.1, name their fields so.
  const generic = pool.every((row) => recordSchemaNameOf(row) === 'sft');
  const accessors = fieldAccessors({
    id: options.idField,
    question: options.questionField,
    trace: options.traceField ?? (generic ? 'thinking' : 'thinking_trajectories'),
    answer: options.answerField ?? (generic ? 'answer' : 'solution'),
    source: options.sourceField,
    domain: options.domainField,
  });
  checkUniqueIds(options.input, pool, accessors, options.idField);
  const labelled = pool.some((row) => accessors.domain(row) !== undefined);
  const drawsByDomain = options.method === 's1' || options.method === 'diverse';
  if (!labelled && drawsByDomain && options.stages.includes('diversity')) {
    io.stderr.write(
      `warning: no record has a domain in field "${options.domainField}" (--domain-field names another), so the ${pool.length} records count as one domain: --method ${options.method} draws from the pool as a whole\n`,
    );
  }
  const stages = await stagesFor(options, labelled);
  const showsProgress = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let bars: MultiBar | undefined;
  // One bar per stage that reports progress (domains, trace lengths, difficulty calls).
  const progressBars = () => {
    bars = new MultiBar({ format: '{stage} [{bar}] {value}/{total} {eta}s left' });
    const byStage = new Map<string, ReturnType<MultiBar['create']>>();
    return (stage: string, done: number, total: number) => {
      let bar = byStage.get(stage);
      if (bar === undefined) {
        bar = (bars as MultiBar).create(total, 0, { stage });
        byStage.set(stage, bar);
      }
      bar.update(done, { stage });
    };
  };
  const selection = createSelection({
    accessors,
    stages,
    onProgress: showsProgress ? progressBars() : undefined,
  });
  const result = await selection.run(pool);
  bars?.stop();
  const files = await writeSelection(options.out, result);
  const width = Math.max(...result.report.counts.map(({ stage }) => stage.length));
  io.stdout.write(
    [
      ...result.report.counts.map(
        ({ stage, records }) => `${stage.padEnd(width)}  ${records.toLocaleString('en-US')}`,
      ),
      '',
      ...result.report.drops.map(
        ({ stage, reason, count }) => `dropped at ${stage}: ${count} ${reason}`,
      ),
      `domains selected: ${Object.keys(result.report.domains).length}`,
      `wrote ${files.selected}, ${files.dropped}, ${files.report}`,
      '',
    ].join('\n'),
  );
  if (result.selected.length === 0) {
    throw nothingSelected(options.input, result.report, files.dropped);
  }
}

/** Records sharing an id must be copies of one question: the samplers key records by id. */
function checkUniqueIds(
  input: readonly string[],
  pool: readonly Row[],
  accessors: RecordAccessors<Row>,
  idField: string,
) {
  const firstById = new Map<string, { index: number; question: string }>();
  pool.forEach((row, index) => {
    const id = accessors.id(row, index);
    const question = accessors.question(row);
    const first = firstById.get(id);
    if (first === undefined) firstById.set(id, { index, question });
    else if (first.question !== question) {
      throw new SelectionInputError({
        input,
        problem: `records #${first.index + 1} and #${index + 1} of the pool have the same id ${id} (field "${idField}") and different questions`,
        fix: 'ids must be unique: pass --id-field with a field that is (records without it are keyed by the hash of their question)',
      });
    }
  });
}

function nothingSelected(
  input: readonly string[],
  report: SelectionReport,
  droppedFile: string,
): SelectionInputError {
  const pool = report.counts[0]?.records ?? 0;
  const reasons = report.drops.map(
    ({ stage, reason, count }) => `${count} at ${stage} (${reason})`,
  );
  return new SelectionInputError({
    input,
    problem: `no record selected: all ${pool} records were dropped, ${reasons.join(', ')}`,
    fix: `${droppedFile} says why for each. Field-name flags (--question-field, --trace-field, --domain-field, …) read other schemas.`,
  });
}

async function stagesFor(
  options: SelectOptions,
  labelled: boolean,
): Promise<SelectionStage<Row>[]> {
  const evalSets = await Promise.all(
    options.evalSets.map(async (file) => ({
      name: file,
      questions: (await readRecords(file)).records.map((row) =>
        String(row.problem ?? row.question ?? row.Question ?? ''),
      ),
    })),
  );
  const byName: Record<SelectOptions['stages'][number], () => Promise<SelectionStage<Row>[]>> = {
    quality: async () => [qualityStage()],
    decontaminate: async () => [decontaminationStage({ evalSets })],
    difficulty: async () => [
      filterStage('difficulty', (item) => {
        const solved = options.solvedFields.filter((field) => item.row[field] === true);
        return solved.length === 0 ? undefined : `solved: ${solved.join(', ')}`;
      }),
    ],
    // Without domain labels the domain stage would drop every record; the samplers then see one.
    diversity: async () => [
      ...(labelled ? [domainStage<Row>()] : []),
      // Tokens are counted only for a sampler that ranks by them, and for a large pool in
      // worker threads, each loading the tokenizer: counting is most of the selection's time.
      traceLengthStage({
        tokenizer: options.tokenizer ?? bundledTokenizerFolder(),
        count: ranksByLength(options.method),
      }),
      samplingStage({ n: options.n, seed: options.seed, method: options.method }),
    ],
  };
  return (await Promise.all(options.stages.map((name) => byName[name]()))).flat();
}
