import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { loadTokenizer } from '@s1/chat-template';
import {
  budgetSweep,
  type EvalSummary,
  gradeAnswer,
  type ReportFiles,
  runEval,
  summarizeResults,
  writeReport,
} from '@s1/eval';
import type { DemoSettings } from './demo-settings';
import { type DemoProblem, demoKinds } from './demo-task';

// The model learned to answer after "<|im_start|>answer\nAnswer:", the s1 training text. s1's
// forced "Final Answer:" is what its 32B model had read in s1K's solutions; this model has never
// seen "Final", so the forced answer is written as the one it was trained on.
const forcedAnswer = 'Answer:';

export interface DemoSweep {
  /** Every configuration: the budget curve and the "Wait" runs. */
  summary: EvalSummary;
  /** Control, Scaling and Performance of the budget curve alone (the runs with a cap). */
  budgetCurve: EvalSummary;
  /** Accuracy per task kind without a cap: what the model learned of each. */
  accuracyByKind: Record<string, number>;
  report: ReportFiles;
  results: string;
  generations: number;
}

/**
 * Budget-forces the trained model in this process (ONNX Runtime) on the held-out problems: the
 * budget curve (`max` in tokens, the end forced there) and, without a cap, 0 to N suppressed ends
 * each followed by "Wait"; graded offline, summarized with the paper's Control, Scaling and
 * Performance, and reported as Markdown, HTML and the plot (SVG and PNG).
 */
export async function runDemoSweep(
  model: string,
  test: readonly DemoProblem[],
  settings: DemoSettings,
  out: string,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoSweep> {
  const tokenizer = await loadTokenizer(model);
  const backend = await createOnnxRuntimeBackend({ model, tokenizer });
  try {
    const base = { onBudget: forcedAnswer };
    const sweep = [
      ...budgetSweep({ max: settings.budgets, base }),
      ...budgetSweep({ max: [undefined], ignoreEnd: [0, ...settings.ignore], base }),
    ];
    // Each run measures the model as it is now: results of an earlier run are not resumed.
    const results = join(out, 'results.jsonl');
    await rm(results, { force: true });
    const { records } = await runEval({
      problems: test.map(({ id, question, gold }) => ({
        id,
        prompt: question,
        answer: gold,
        kind: 'integer' as const,
      })),
      backend,
      controller: { answer: { maxTokens: 16 } },
      sweep,
      output: results,
      grade: (problem, text) => gradeAnswer(problem, text),
      onProgress,
    });
    const summary = summarizeResults(records, { tokenizer });
    const report = await writeReport(join(out, 'report'), summary, {
      title: `s1 demo: a ${settings.layers}-layer Qwen2 trained on ${settings.select.toLocaleString('en-US')} selected examples`,
    });
    const capped = records.filter((record) => record.max !== undefined);
    const uncapped = records.filter((record) => record.config === 'max=none,ignore=0');
    const accuracyByKind = Object.fromEntries(
      demoKinds.map((kind) => {
        const ofKind = uncapped.filter((record) => record.problemId.startsWith(`${kind}-`));
        return [kind, ofKind.filter((record) => record.correct).length / ofKind.length];
      }),
    );
    return {
      summary,
      budgetCurve: summarizeResults(capped, { tokenizer }),
      accuracyByKind,
      report,
      results,
      generations: records.length,
    };
  } finally {
    await backend.close();
  }
}
