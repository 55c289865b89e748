import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTokenizer } from '@s1/chat-template';
import {
  type Benchmark,
  budgetSweep,
  gradeAnswer,
  loadAime,
  loadGpqaDiamond,
  loadMath500,
  loadProblems,
  renderMarkdownReport,
  runEval,
  summarizeResults,
  writeReport,
} from '@s1/eval';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { backendFlags, checkBackendFlags } from '../backend-options';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { decimal, parseFlags, UsageError, wholeNumber, wholeNumbers } from '../flags';
import { createCliBackend } from './create-cli-backend';

const optionsSchema = z
  .strictObject({
    ...backendFlags,
    benchmark: z.enum(['aime', 'math500', 'gpqa', 'problems']),
    out: z.string().min(1, '--out is required'),
    max: wholeNumbers('--max').optional(),
    ignore: wholeNumbers('--ignore').optional(),
    continuation: z.array(z.string()).optional(),
    samples: wholeNumber('--samples', { min: 1 }).default(1),
    temperature: decimal('--temperature', { atLeast: 0 }).optional(),
    seed: wholeNumber('--seed').optional(),
    maxAnswer: wholeNumber('--max-answer', { min: 1 }).optional(),
    concurrency: wholeNumber('--concurrency', { min: 1 }).default(8),
    mode: z.enum(['exact', 'harness', 'readme']).default('exact'),
    fidelity: z.enum(['fixed', 'reference']).default('fixed'),
    limit: wholeNumber('--limit', { min: 1 }).optional(),
    resume: z.boolean().optional(),
    title: z.string().optional(),
  })
  .superRefine(checkBackendFlags);

const loaders: Record<
  'aime' | 'math500' | 'gpqa' | 'problems',
  (file: string) => Promise<Benchmark>
> = {
  aime: (file) => loadAime(file),
  math500: (file) => loadMath500(file),
  gpqa: (file) => loadGpqaDiamond(file),
  problems: (file) => loadProblems(file, { kind: 'math' }),
};

/**
 * `s1 eval FILE --benchmark NAME --out DIR`: a budget sweep over a benchmark, resumable, graded
 * offline, with a report (Markdown, HTML, SVG and PNG plot, JSON). `DIR/results.jsonl` is the
 * append-only log a `--resume` continues; the report goes to `DIR/report/`, replaced as one set.
 */
export async function evaluate(file: string, rawOptions: Record<string, unknown>, io: CliIO) {
  const options = parseFlags(optionsSchema, rawOptions);
  const output = join(options.out, 'results.jsonl');
  // An empty file is what a run that failed before its first sample leaves: nothing to resume.
  const hasResults = await stat(output).then(
    ({ size }) => size > 0,
    () => false,
  );
  if (hasResults && !options.resume) {
    throw new UsageError(`${output} exists: pass --resume to continue it, or choose another --out`);
  }
  const benchmark = await loaders[options.benchmark](file);
  const problems = benchmark.problems.slice(0, options.limit);
  if (problems.length === 0) {
    throw new UsageError(`${file} holds no problems for --benchmark ${options.benchmark}`);
  }
  const tokenizer = await loadTokenizer(options.tokenizer ?? bundledTokenizerFolder());
  const backend = await createCliBackend(options, tokenizer, io);
  const bar = new SingleBar({ format: 'evaluating [{bar}] {value}/{total} samples {eta}s left' });
  const showsProgress = (io.stderr as { isTTY?: boolean }).isTTY === true;
  try {
    const { records, resumed } = await runEval({
      problems,
      backend,
      controller: {
        mode: options.mode,
        sampling: { temperature: options.temperature, seed: options.seed },
        answer: { maxTokens: options.maxAnswer },
      },
      sweep: budgetSweep({
        max: options.max,
        ignoreEnd: options.ignore,
        continuation: options.continuation,
      }),
      samples: options.samples,
      concurrency: options.concurrency,
      output,
      grade: (problem, text) => gradeAnswer(problem, text, { fidelity: options.fidelity }),
      onProgress: showsProgress
        ? (done, total) => {
            if (!bar.isActive) bar.start(total, done);
            bar.update(done);
          }
        : undefined,
    });
    if (bar.isActive) bar.stop();
    const title = options.title ?? `${benchmark.name}, ${backend.modelId}`;
    const summary = summarizeResults(records, { tokenizer });
    const files = await writeReport(join(options.out, 'report'), summary, { title });
    io.stdout.write(
      `${renderMarkdownReport(summary, title)}\n${records.length} samples (${resumed} from an earlier run) in ${output}\nreport: ${files.markdown}, ${files.html}, ${files.png}\n`,
    );
  } finally {
    await backend.close?.();
  }
}
