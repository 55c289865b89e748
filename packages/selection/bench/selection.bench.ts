/**
 * A selection at the scale of s1's pool, each stage before and after in the same run: the code
 * as it was at a git commit (`--baseline`, by default the one before the typed-array n-gram
 * index and the lazy, pooled token counting) against the working tree.
 *
 *   npx tsx bench/selection.bench.ts [--repeats 3] [--records 60000] [--trace-records 2000]
 *     [--workers N] [--baseline <git ref>] [--parts pool,traces] [--built]
 *
 * The pool: 60,000 synthetic records with traces of about 3,600 tokens (14,400 characters)
 * through quality, decontamination against four evaluation sets (MATH-500 and AIME 2024, two
 * synthetic sets of 500) and the s1 sampler to 1,000 (by characters: no tokenizer). Then the
 * first 2,000 of the same records through the trace-length stage (the Qwen2.5 tokenizer) and
 * the s1 sampler, and the random sampler, which reads no lengths: before, as `s1 select` did,
 * a tokenizer loaded up front and every trace counted in this thread; after, from the
 * tokenizer's folder, in `--workers` worker threads, and not at all for the random sampler.
 *
 * From sources, workers are child processes run through tsx, slower to start and heavier than
 * the worker threads of the built package that `s1 select` runs: `--built` measures "after" as
 * built (`npm run build --workspace @s1/selection` first).
 *
 * Every run is a child process of its own, before and after interleaved; the tables give the
 * median of the runs. Peak memory is the resident memory of the run's process and its children
 * (workers run from sources are child processes), the highest seen by the end of each stage.
 * The selected ids and every dropped record with its reason must be the same before and after.
 *
 * MATH-500 (the public openai/prm800k test split, MIT) and AIME 2024 (s1's public
 * "aime24_nofigures" set) are the repository's copies in fixtures/eval-sets.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTokenizer } from '@s1/chat-template';
import { aime24File, math500File } from '../../../tooling/eval-sets';
import { qwen25TokenizerFolder } from '../../../tooling/qwen25-tokenizer';
import type * as Selection from '../src/index';
import { baselineSource, defaultBaseline } from './baseline-source';
import { processTreeRss } from './process-tree-rss';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    records: { type: 'string', default: '60000' },
    'trace-records': { type: 'string', default: '2000' },
    workers: { type: 'string', default: String(Math.max(2, Math.min(8, availableParallelism()))) },
    baseline: { type: 'string', default: defaultBaseline },
    parts: { type: 'string', default: 'pool,traces' },
    built: { type: 'boolean', default: false },
    // Internal: one measured run (a JSON RunSpec), printed as JSON.
    run: { type: 'string' },
  },
});

type Variant = 'before' | 'after';
type Row = Record<string, unknown>;
interface RunSpec {
  part: 'pool' | 'traces';
  method: 's1' | 'random';
  variant: Variant;
}
interface StageRun {
  stage: string;
  recordsIn: number;
  ms: number;
  cpuMs: number;
  peakBytes: number;
}
interface RunResult {
  stages: StageRun[];
  /** Digests of the selected ids and of the dropped records with their stages and reasons. */
  selected: string;
  dropped: string;
  selectedCount: number;
  droppedCount: number;
}

function benchData(records: number) {
  let state = 7;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state;
  };
  const words = (count: number) =>
    Array.from({ length: count }, () => `w${next() % 20_000}`).join(' ');
  // Traces are slices of one long text: realistic lengths without 840 MB of distinct strings.
  const traceText = words(4_000).repeat(3);
  const problemsOf = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { problem: string }).problem);
  const evalSets = [
    { name: 'math500', questions: problemsOf(math500File) },
    { name: 'aime24', questions: problemsOf(aime24File) },
    { name: 'synthetic-gpqa', questions: Array.from({ length: 500 }, () => words(120)) },
    { name: 'synthetic-code', questions: Array.from({ length: 500 }, () => words(200)) },
  ];
  const pool = Array.from({ length: records }, (_, index) => {
    const length = 8_000 + (next() % 12_800);
    const start = next() % (traceText.length - length);
    return {
      question: `${index % 97 === 0 ? '[asy] ' : ''}${words(40 + (next() % 80))}`,
      solution: 'a solution',
      source_type: `source-${index % 16}`,
      thinking_trajectories: [traceText.slice(start, start + length)],
      domain: `domain-${next() % 50}`,
    };
  });
  return { evalSets, pool };
}

async function measure(spec: RunSpec): Promise<RunResult> {
  const lib: typeof Selection =
    spec.variant === 'before'
      ? await import(join(baselineSource(values.baseline), 'index.ts'))
      : values.built
        ? await import('@s1/selection')
        : await import('../src/index');
  const records = Number(spec.part === 'pool' ? values.records : values['trace-records']);
  const { evalSets, pool } = benchData(records);

  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, processTreeRss(), process.resourceUsage().maxRSS * 1024);
  };
  const sampler = setInterval(sample, 100);
  const stages: StageRun[] = [];
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const measured = (stage: Selection.SelectionStage<Row>) => ({
    ...stage,
    run: async (...[items, context]: Parameters<typeof stage.run>) => {
      const stageStart = performance.now();
      const stageCpu = process.cpuUsage();
      const outcome = await stage.run(items, context);
      const cpu = process.cpuUsage(stageCpu);
      sample();
      stages.push({
        stage: stage.name,
        recordsIn: items.length,
        ms: performance.now() - stageStart,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakBytes: peak,
      });
      return outcome;
    },
  });

  // Before, as `s1 select` did: the tokenizer loaded up front, every trace counted here.
  const traceLengths = async () =>
    spec.variant === 'before'
      ? lib.traceLengthStage<Row>({ tokenizer: await loadTokenizer(qwen25TokenizerFolder) })
      : lib.traceLengthStage<Row>({
          tokenizer: qwen25TokenizerFolder,
          workers: Number(values.workers),
          count: lib.ranksByLength(spec.method),
        });
  const pipeline: Selection.SelectionStage<Row>[] =
    spec.part === 'pool'
      ? [
          lib.qualityStage(),
          lib.decontaminationStage({ evalSets }),
          lib.samplingStage({ n: 1_000, seed: 0 }),
        ]
      : [await traceLengths(), lib.samplingStage({ n: 1_000, seed: 0, method: spec.method })];
  const result = await lib
    .createSelection({ accessors: lib.s1KAccessors, stages: pipeline.map(measured) })
    .run(pool);
  const cpu = process.cpuUsage(startedCpu);
  clearInterval(sampler);
  sample();
  stages.push({
    stage: 'all',
    recordsIn: records,
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakBytes: peak,
  });
  const digest = (value: unknown) =>
    createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
  return {
    stages,
    selected: digest(result.selected.map((item) => item.id)),
    dropped: digest(result.dropped),
    selectedCount: result.selected.length,
    droppedCount: result.dropped.length,
  };
}

function runChild(spec: RunSpec): RunResult {
  const stdout = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...['--records', values.records, '--trace-records', values['trace-records']],
      ...['--workers', values.workers, '--baseline', values.baseline],
      ...(values.built ? ['--built'] : []),
      ...['--run', JSON.stringify(spec)],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 2 ** 26 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as RunResult;
}

const median = (numbers: readonly number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Before and after, `repeats` runs each, interleaved so a machine that gets busier slows both. */
function compare(part: RunSpec['part'], method: RunSpec['method']) {
  const runs: Record<Variant, RunResult[]> = { before: [], after: [] };
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    for (const variant of ['before', 'after'] as const) {
      runs[variant].push(runChild({ part, method, variant }));
    }
  }
  const all = [...runs.before, ...runs.after];
  const first = all[0] as RunResult;
  if (all.some((run) => run.selected !== first.selected || run.dropped !== first.dropped)) {
    throw new Error(`${part} (${method}): the selection differs between runs`);
  }
  const stageNames = first.stages.map((stage) => stage.stage);
  return {
    identity: `selected ids identical before and after in all ${all.length} runs: ${format(first.selectedCount)} selected (sha256 ${first.selected}), ${format(first.droppedCount)} dropped with their stages and reasons (sha256 ${first.dropped})`,
    rows: stageNames.map((stage, index) => {
      const of = (variant: Variant, field: 'ms' | 'cpuMs' | 'peakBytes') =>
        median(runs[variant].map((run) => run.stages[index]?.[field] as number));
      const recordsIn = first.stages[index]?.recordsIn ?? 0;
      const perSecond = (variant: Variant) => (recordsIn / of(variant, 'ms')) * 1000;
      return {
        stage,
        recordsIn,
        before: perSecond('before'),
        after: perSecond('after'),
        cpuBefore: of('before', 'cpuMs') / 1000,
        cpuAfter: of('after', 'cpuMs') / 1000,
        peakBefore: of('before', 'peakBytes') / 2 ** 20,
        peakAfter: of('after', 'peakBytes') / 2 ** 20,
      };
    }),
  };
}

function printTable(title: string, parts: { label: string; result: ReturnType<typeof compare> }[]) {
  console.log(`\n${title}\n`);
  console.log(
    '| run | stage | records in | records/s before | records/s after | speed-up | CPU s before | CPU s after | peak RSS MiB before | peak RSS MiB after |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { label, result } of parts) {
    for (const row of result.rows) {
      console.log(
        `| ${label} | ${row.stage} | ${format(row.recordsIn)} | ${format(row.before)} | ${format(row.after)} | ${format(row.after / row.before, 1)}× | ${format(row.cpuBefore, 1)} | ${format(row.cpuAfter, 1)} | ${format(row.peakBefore)} | ${format(row.peakAfter)} |`,
      );
    }
  }
  for (const { label, result } of parts) console.log(`${label}: ${result.identity}`);
}

if (values.run !== undefined) {
  console.log(JSON.stringify(await measure(JSON.parse(values.run) as RunSpec)));
} else {
  const baseline = execFileSync('git', ['rev-parse', '--short', values.baseline], {
    encoding: 'utf8',
  }).trim();
  console.log(
    `before: ${baseline} (packages/selection/src); after: the working tree${values.built ? ', built' : ''}. Median of ${values.repeats} runs, a child process per run, Node ${process.version}, ${availableParallelism()} cores`,
  );
  const parts = values.parts.split(',');
  if (parts.includes('pool')) {
    printTable(
      `${format(Number(values.records))} records: quality, decontamination against 4 evaluation sets, s1 sample of 1,000 (by characters)`,
      [{ label: 'pool', result: compare('pool', 's1') }],
    );
  }
  if (parts.includes('traces')) {
    printTable(
      `${format(Number(values['trace-records']))} records: trace length (Qwen2.5 tokens; after: ${values.workers} workers, ${values.built ? 'threads of the built package' : 'child processes from sources'}), then a sample of 1,000. CPU is the process's, its worker threads included, child processes not`,
      [
        { label: 's1 sampler', result: compare('traces', 's1') },
        { label: 'random sampler', result: compare('traces', 'random') },
      ],
    );
  }
}
