/**
 * Start-up of the `s1` command line: `s1 --help`, `s1 --version` and a mistyped flag, each run
 * as a fresh process, against bare `node -e 0` measured in the same run; medians of `--repeats`.
 *
 *   npm run bench --workspace @s1/cli -- --repeats 15   (after `npm run build`)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '15' } } });
const repeats = Number(values.repeats);
const bin = join(import.meta.dirname, '..', 'bin', 's1.js');

const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['s1 --version', [bin, '--version']],
  ['s1 --help', [bin, '--help']],
  ['s1 format --bogus', [bin, 'format', 'x.jsonl', '--bogus']],
];

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

// Interleaved warm-up, so that every case meets the same file-system cache.
for (const [, args] of cases) medianMs(args);
const [baseline, ...rest] = cases.map(([name, args]) => ({ name, ms: medianMs(args) }));
console.log(`| command | median ms | × node -e 0 |\n|---|---|---|`);
for (const { name, ms } of [baseline, ...rest] as { name: string; ms: number }[]) {
  console.log(
    `| ${name} | ${ms.toFixed(0)} | ${(ms / (baseline as { ms: number }).ms).toFixed(2)} |`,
  );
}
