import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTokenizer, validate } from '@s1/chat-template';
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
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { createCliBackend } from './create-cli-backend';
import { backendFlags, checkBackendFlags } from './generate-options';

const whole = (name: string) =>
  z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);
const wholeList = (name: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, `${name} must be whole numbers separated by commas`)
    .transform((list) => list.split(',').map(Number));

const optionsSchema = z
  .strictObject({
    ...backendFlags,
    benchmark: z.enum(['aime', 'math500', 'gpqa', 'problems']),
    out: z.string().min(1, '--out is required'),
    max: wholeList('--max').optional(),
    ignore: wholeList('--ignore').optional(),
    continuation: z.array(z.string()).optional(),
    samples: whole('--samples').default(1),
    temperature: z.string().transform(Number).pipe(z.number().nonnegative()).optional(),
    seed: whole('--seed').optional(),
    maxAnswer: whole('--max-answer').optional(),
    concurrency: whole('--concurrency').default(8),
    mode: z.enum(['exact', 'harness', 'readme']).default('exact'),
    fidelity: z.enum(['fixed', 'reference']).default('fixed'),
    limit: whole('--limit').optional(),
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
 * offline, with a report (Markdown, HTML, SVG and PNG plot, JSON).
 */
export async function evaluate(file: string, rawOptions: Record<string, unknown>, io: CliIO) {
  const options = validate(optionsSchema, rawOptions, 's1 eval options');
  const output = join(options.out, 'results.jsonl');
  const exists = await access(output).then(
    () => true,
    () => false,
  );
  if (exists && !options.resume) {
    throw new Error(`${output} exists: pass --resume to continue it, or choose another --out`);
  }
  const benchmark = await loaders[options.benchmark](file);
  const problems = benchmark.problems.slice(0, options.limit);
  const tokenizer = await loadTokenizer(options.tokenizer ?? bundledTokenizerFolder());
  const { backend, release } = await createCliBackend(options, tokenizer, io);
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
    const files = await writeReport(options.out, summary, title);
    io.stdout.write(
      `${renderMarkdownReport(summary, title)}\n${records.length} samples (${resumed} from an earlier run) in ${output}\nreport: ${files.markdown}, ${files.html}, ${files.png}\n`,
    );
  } finally {
    await release();
  }
}
