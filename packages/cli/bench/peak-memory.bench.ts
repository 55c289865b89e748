/**
 * Peak memory of `s1 format` and `s1 select` against the size of their input: generated pools of
 * 10K, 50K and 200K reasoning records (JSONL), each command run once per size in a process of its
 * own through the built command line, its peak resident memory read from the OS at exit. The
 * baseline, measured in the same run, is a process that only parses every record into memory:
 * what any tool that holds the dataset needs at least. `format` streams, so its peak should stay
 * flat as the input grows; `select` ranks the whole pool, so it holds it.
 *
 *   npm run bench --workspace @s1/cli -- --records 10000,50000,200000 --thinking 600
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { syntheticRecords } from '../../../tooling/synthetic-records';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000,50000,200000' },
    thinking: { type: 'string', default: '600' },
  },
});
const sizes = values.records.split(',').map(Number);
const here = import.meta.dirname;

async function writePool(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  const batch = 1_000;
  for (let start = 0; start < count; start += batch) {
    const records = syntheticRecords(
      Math.min(batch, count - start),
      Number(values.thinking),
      start,
    );
    const lines = records.map((record, index) =>
      JSON.stringify({ id: `r${start + index}`, ...record }),
    );
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return (await stat(path)).size;
}

/** Runs a script with `args`, returning its peak resident memory in MiB and its seconds. */
function peakOf(script: string, args: string[]): Promise<{ mib: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, script), ...args], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let peak = '';
    let errors = '';
    child.stdio[3]?.on('data', (chunk) => (peak += chunk));
    child.stderr?.on('data', (chunk) => (errors += chunk));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} ${args.join(' ')} exited ${code}:\n${errors}`));
      else resolve({ mib: Number(peak) / 1024, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const folder = await mkdtemp(join(tmpdir(), 's1-peak-memory-'));
const rows: string[][] = [];
try {
  for (const count of sizes) {
    const pool = join(folder, `pool-${count}.jsonl`);
    const inputMiB = (await writePool(pool, count)) / 2 ** 20;
    const baseline = await peakOf('load-all-records.mjs', [pool]);
    const format = await peakOf('run-measuring-peak.mjs', [
      'format',
      pool,
      '--out',
      join(folder, `formatted-${count}.parquet`),
    ]);
    const select = await peakOf('run-measuring-peak.mjs', [
      'select',
      '--input',
      pool,
      '--n',
      '1000',
      '--out',
      join(folder, `selected-${count}`),
    ]);
    rows.push([
      count.toLocaleString('en-US'),
      inputMiB.toFixed(0),
      baseline.mib.toFixed(0),
      `${format.mib.toFixed(0)} (${format.seconds.toFixed(0)} s)`,
      (format.mib / baseline.mib).toFixed(2),
      `${select.mib.toFixed(0)} (${select.seconds.toFixed(0)} s)`,
      (select.mib / baseline.mib).toFixed(2),
    ]);
    console.error(`measured ${count} records`);
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}

const header = [
  'records',
  'input MiB',
  'load-all MiB',
  's1 format MiB',
  'format / load-all',
  's1 select MiB',
  'select / load-all',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const formatPeaks = rows.map((row) => Number.parseFloat(row[3] as string));
console.log(
  `\ns1 format peak, largest input over smallest: ${((formatPeaks.at(-1) as number) / (formatPeaks[0] as number)).toFixed(2)}× for ${((sizes.at(-1) as number) / (sizes[0] as number)).toFixed(0)}× the records`,
);
