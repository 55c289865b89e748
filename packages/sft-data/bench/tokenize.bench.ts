/**
 * Formats, tokenizes and masks 1,000 records of about 10,000 tokens (the size of an s1K sample)
 * in this thread and in worker threads, and prints tokens/s, the ratio and peak memory.
 * `--records N` and `--repeats N` shrink or repeat the run.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { tokenizeRecords } from '@s1/sft-data';
import { qwen25TokenizerFolder } from '../../../tooling/qwen25-tokenizer';
import { syntheticRecords } from '../../../tooling/synthetic-records';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
  },
});
const records = syntheticRecords(Number(values.records), 23_500);
const repeats = Number(values.repeats);
const workers = Math.max(2, availableParallelism());

async function measure(threads: number) {
  const seconds: number[] = [];
  let tokens = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = performance.now();
    const examples = await tokenizeRecords(records, {
      tokenizer: qwen25TokenizerFolder,
      workers: threads,
    });
    seconds.push((performance.now() - started) / 1000);
    tokens = examples.reduce((sum, example) => sum + example.lengths.totalTokens, 0);
  }
  clearInterval(sampler);
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)] as number;
  return { threads, median, tokens, tokensPerSecond: tokens / median, peakMiB: peakRss / 2 ** 20 };
}

const single = await measure(1);
const pooled = await measure(workers);
console.log(
  `${records.length} records, ${Math.round(single.tokens / records.length)} tokens each on average, median of ${repeats}`,
);
console.log('| run | threads | median s | tokens/s | vs this thread | peak RSS MiB |');
console.log('|---|---|---|---|---|---|');
for (const [name, run] of [
  ['this thread', single],
  ['worker threads', pooled],
] as const) {
  console.log(
    `| ${name} | ${run.threads} | ${run.median.toFixed(2)} | ${Math.round(run.tokensPerSecond).toLocaleString('en-US')} | ${(run.tokensPerSecond / single.tokensPerSecond).toFixed(2)}× | ${Math.round(run.peakMiB)} |`,
  );
}
