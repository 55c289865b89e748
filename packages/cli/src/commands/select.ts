import { loadTokenizer, validate } from '@s1/chat-template';
import {
  createSelection,
  decontaminationStage,
  domainStage,
  fieldAccessors,
  filterStage,
  qualityStage,
  type SelectionStage,
  samplingStage,
  traceLengthStage,
  writeSelection,
} from '@s1/selection';
import { readRecords } from '@s1/sft-data';
import { MultiBar } from 'cli-progress';
import { z } from 'zod';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';

type Row = Record<string, unknown>;

const list = z.string().transform((value) => value.split(',').filter((item) => item !== ''));
const whole = (name: string) =>
  z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

const optionsSchema = z.strictObject({
  input: list,
  evalSets: list.default([]),
  stages: list
    .pipe(z.array(z.enum(['quality', 'decontaminate', 'difficulty', 'diversity'])))
    .default(['quality', 'decontaminate', 'difficulty', 'diversity']),
  n: whole('--n').default(1000),
  seed: whole('--seed').default(0),
  method: z.enum(['s1', 'random', 'diverse', 'longest', 'full']).default('s1'),
  solvedFields: list.default(['isqwen7bcorrect', 'isqwen32bcorrect']),
  out: z.string().min(1, '--out is required'),
  tokenizer: z.string().optional(),
  idField: z.string().optional(),
  questionField: z.string().default('question'),
  traceField: z.string().default('thinking_trajectories'),
  answerField: z.string().default('solution'),
  sourceField: z.string().default('source_type'),
  domainField: z.string().default('domain'),
});
type SelectOptions = z.output<typeof optionsSchema>;

/**
 * `s1 select`: the s1 selection over one or more pools, with per-record drop reasons. Difficulty
 * is read from the records' solved flags (s1's `isqwen7bcorrect`, `isqwen32bcorrect`); domains
 * from their domain field; trace lengths in tokens of the tokenizer (Qwen2.5 by default).
 */
export async function select(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = validate(optionsSchema, rawOptions, 's1 select options');
  const pool: Row[] = [];
  for (const file of options.input) pool.push(...(await readRecords(file)).records);
  const stages = await stagesFor(options);
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
    accessors: fieldAccessors({
      id: options.idField,
      question: options.questionField,
      trace: options.traceField,
      answer: options.answerField,
      source: options.sourceField,
      domain: options.domainField,
    }),
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
}

async function stagesFor(options: SelectOptions): Promise<SelectionStage<Row>[]> {
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
    diversity: async () => [
      domainStage(),
      traceLengthStage({
        tokenizer: await loadTokenizer(options.tokenizer ?? bundledTokenizerFolder()),
      }),
      samplingStage({ n: options.n, seed: options.seed, method: options.method }),
    ],
  };
  return (await Promise.all(options.stages.map((name) => byName[name]()))).flat();
}
