// One configuration of the recomputation benchmark, in a process of its own so that its peak
// resident memory is its own: one optimizer step over ROWS rows of POSITIONS tokens of the byte
// vocabulary model; prints {"peakRss", "secondsPerStep"} as JSON.
//   tsx bench/recompute-probe.ts ROWS POSITIONS keep|recompute THREADS REPEATS
import { benchmarkModel, median, trainingRun } from './training-run';

const [rows, positions, mode, threads, repeats] = process.argv.slice(2);
const { architecture, weights } = benchmarkModel('bytes');
const run = await trainingRun({
  architecture,
  weights,
  positions: Number(positions),
  steps: 1,
  rows: Number(rows),
  threads: Number(threads),
  recompute: mode === 'recompute',
});
await run.seconds();
const samples: number[] = [];
for (let repeat = 0; repeat < Number(repeats); repeat++) samples.push(await run.seconds());
await run.release();
console.log(
  JSON.stringify({
    peakRss: process.resourceUsage().maxRSS * 1024,
    secondsPerStep: median(samples),
  }),
);
