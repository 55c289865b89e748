/**
 * Formats, tokenizes and masks 1,000 records of about 10,000 tokens (the size of an s1K sample)
 * as `s1 format` does (streamed, not held), in this thread and in worker threads, and prints the
 * medians of tokens/s and of peak memory, each with the workers' ratio to one thread. Every run
 * is a child process of its own, so its peak RSS (getrusage, worker threads included) is its own.
 * `--records N`, `--repeats N` and `--workers N` change the run.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tokenizeRecordStream } from '@s1/sft-data';
import { qwen25TokenizerFolder } from '../../../tooling/qwen25-tokenizer';
import { syntheticRecords } from '../../../tooling/synthetic-records';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(Math.max(2, availableParallelism())) },
    // Internal: run once with this many threads and print the measure as JSON.
    run: { type: 'string' },
  },
});

interface Run {
  seconds: number;
  tokens: number;
  peakBytes: number;
}

if (values.run !== undefined) {
  const records = syntheticRecords(Number(values.records), 23_500);
  const started = performance.now();
  let tokens = 0;
  for await (const example of tokenizeRecordStream(records, {
    tokenizer: qwen25TokenizerFolder,
    workers: Number(values.run),
  })) {
    tokens += example.lengths.totalTokens;
  }
  const run: Run = {
    seconds: (performance.now() - started) / 1000,
    tokens,
    peakBytes: process.resourceUsage().maxRSS * 1024,
  };
  console.log(JSON.stringify(run));
} else {
  const repeats = Number(values.repeats);
  const modes = [
    { name: 'this thread', threads: 1, runs: [] as Run[] },
    { name: 'worker threads', threads: Number(values.workers), runs: [] as Run[] },
  ];
  // Interleaved, so a machine that gets busier part-way slows both alike.
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const mode of modes) mode.runs.push(runChild(mode.threads));
  }
  const [single, pooled] = modes.map((mode) => ({
    ...mode,
    tokensPerSecond: median(mode.runs.map((run) => run.tokens / run.seconds)),
    peakMiB: median(mode.runs.map((run) => run.peakBytes)) / 2 ** 20,
  })) as [Summary, Summary];
  const tokens = single.runs[0]?.tokens ?? 0;
  console.log(
    `${values.records} records, ${Math.round(tokens / Number(values.records))} tokens each on average, median of ${repeats} (a child process per run)`,
  );
  console.log('| run | threads | tokens/s | vs this thread | peak RSS MiB | vs this thread |');
  console.log('|---|---|---|---|---|---|');
  for (const run of [single, pooled]) {
    console.log(
      `| ${run.name} | ${run.threads} | ${Math.round(run.tokensPerSecond).toLocaleString('en-US')} | ${(run.tokensPerSecond / single.tokensPerSecond).toFixed(2)}× | ${Math.round(run.peakMiB)} | ${(run.peakMiB / single.peakMiB).toFixed(2)}× |`,
    );
  }
}

type Summary = {
  name: string;
  threads: number;
  runs: Run[];
  tokensPerSecond: number;
  peakMiB: number;
};

function runChild(threads: number): Run {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--records',
      String(values.records),
      '--run',
      String(threads),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`the ${threads}-thread run failed (${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Run;
}

function median(numbers: readonly number[]): number {
  return [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] as number;
}
