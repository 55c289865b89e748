// Runs a small sweep into the results file named on the command line; the resumability test
// kills this process at random points and runs it again.
import { budgetSweep } from '../src/runner/eval-config';
import { runEval } from '../src/runner/run-eval';
import { fixtureBackend, fixtureProblems, gradeLastNumber } from './eval-fixture';
import { qwen25Tokenizer } from './qwen25';

const output = process.argv[2] as string;
await runEval({
  problems: fixtureProblems,
  backend: fixtureBackend(await qwen25Tokenizer(), 2),
  sweep: budgetSweep({ max: [8, 64] }),
  samples: 2,
  concurrency: 3,
  output,
  grade: gradeLastNumber,
});
