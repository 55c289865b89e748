import {
  type BackendV1,
  type BudgetForcingOptions,
  createBudgetForcing,
  sampleN,
} from '@s1/budget-forcing';
import type { EvalConfig } from './eval-config';
import { openResultsFile } from './results-file';
import type { SampleRecord } from './sample-record';

/** What the runner needs of a benchmark problem. */
export interface EvalProblem {
  /** The problem's id, as results files record it. */
  id: string;
  /** The user turn. */
  prompt: string;
  /** The gold answer. */
  answer: string;
}

/** A graded answer. */
export interface Grade {
  /** The extracted answer, undefined when none was found. */
  answer: string | undefined;
  /** Whether it is correct. */
  correct: boolean;
}

/** Options of {@link runEval}. */
export interface RunEvalOptions<Problem extends EvalProblem> {
  /** The problems. */
  problems: readonly Problem[];
  /** The model: any backend of @s1/budget-forcing. */
  backend: BackendV1;
  /** Controller options shared by every configuration (mode, format, answer, sampling). */
  controller?: Omit<BudgetForcingOptions, 'backend' | 'thinking'> | undefined;
  /** The configurations, each run on every problem (`budgetSweep`). */
  sweep: readonly EvalConfig[];
  /** Samples per problem and configuration, for maj@k / cov@k. Sample i is seeded `seed + i`. @default 1 */
  samples?: number | undefined;
  /** Generations in flight. @default 8 */
  concurrency?: number | undefined;
  /** The JSONL results file: appended to, and read back to resume. */
  output: string;
  /** Extracts and grades the answer of one generated text (`gradeAnswer`, or with a judge). */
  grade: (problem: Problem, text: string) => Grade | Promise<Grade>;
  /**
   * Called with samples done (resumed ones included) and the total, at the start and after each
   * sample.
   */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Aborts the generations in flight; the run then rejects, and resumes later where it stopped. */
  signal?: AbortSignal | undefined;
}

/** What a run leaves in its results file. */
export interface RunEvalResult {
  /** Every record of the results file, earlier runs included, in file order. */
  records: SampleRecord[];
  /** Samples found in the file and not run again. */
  resumed: number;
}

/**
 * Runs every (problem, configuration, sample) once through the budget-forcing controller and
 * appends one record per sample to `output`. A run that stops (a crash, a kill, an abort)
 * resumes where it stopped: samples already in the file are not run again, none is lost.
 *
 * @example
 * await runEval({ problems, backend, sweep: budgetSweep({ max: [512, 2048] }), output: 'runs.jsonl', grade });
 */
export async function runEval<Problem extends EvalProblem>(
  options: RunEvalOptions<Problem>,
): Promise<RunEvalResult> {
  const samples = options.samples ?? 1;
  const file = await openResultsFile(options.output);
  const tasks = options.sweep.flatMap((config) =>
    options.problems.flatMap((problem) =>
      Array.from({ length: samples }, (_, sample) => ({ config, problem, sample })),
    ),
  );
  const pending = tasks.filter(
    ({ config, problem, sample }) =>
      !file.has({ problemId: problem.id, config: config.name, sample }),
  );
  const resumed = tasks.length - pending.length;
  let done = resumed;
  options.onProgress?.(done, tasks.length);
  try {
    await sampleN({
      n: pending.length,
      concurrency: options.concurrency ?? 8,
      run: async (index) => {
        const { config, problem, sample } = pending[index] as (typeof pending)[number];
        const baseSampling = options.controller?.sampling;
        const controller = createBudgetForcing({
          ...options.controller,
          backend: options.backend,
          thinking: config.thinking,
          sampling: { ...baseSampling, seed: (baseSampling?.seed ?? 0) + sample },
        });
        const result = await controller.generate({
          messages: [{ role: 'user', content: problem.prompt }],
          signal: options.signal,
        });
        const grade = await options.grade(problem, result.text);
        const max = config.thinking.max;
        await file.append({
          problemId: problem.id,
          config: config.name,
          sample,
          prompt: problem.prompt,
          text: result.text,
          gold: problem.answer,
          answer: grade.answer ?? null,
          correct: grade.correct,
          thinkingTokens: result.thinkingTokens,
          answerTokens: result.answerTokens,
          hitBudget: result.hitBudget,
          ...(typeof max === 'number' ? { max } : {}),
          ...(config.thinking.min === undefined ? {} : { min: config.thinking.min }),
        });
        options.onProgress?.(++done, tasks.length);
      },
    });
  } finally {
    await file.close();
  }
  const reread = await openResultsFile(options.output);
  await reread.close();
  return { records: [...reread.records], resumed };
}
