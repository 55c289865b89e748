import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { describe, expect, it } from 'vitest';
import { fixtureBackend, fixtureProblems, fixtureScript } from '../../test-utils/eval-fixture';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { gradeAnswer } from '../grading/grade-answer';
import { summarizeResults } from '../report/summarize-results';
import { budgetSweep } from './eval-config';
import { runEval } from './run-eval';

// Six problems; the scripted model always answers \boxed{51}; the gold is 51 for three of them.
const problems = fixtureProblems.map((problem) => ({ ...problem, kind: 'integer' as const }));
const sweep = budgetSweep({ max: [8, 64] });

async function sweepThrough(backend: Parameters<typeof runEval>[0]['backend']) {
  const output = join(await mkdtemp(join(tmpdir(), 's1-eval-e2e-')), 'results.jsonl');
  const { records } = await runEval({
    problems,
    backend,
    sweep,
    samples: 2,
    output,
    grade: (problem, text) => gradeAnswer(problem, text),
  });
  return summarizeResults(records);
}

function expectHandComputedNumbers(summary: Awaited<ReturnType<typeof sweepThrough>>) {
  const [capped, free] = summary.configs;
  // max=8: every sample thinks exactly 8 tokens, hits the budget, still answers 51 → 3 of 6.
  expect(capped).toMatchObject({
    config: 'max=8',
    problems: 6,
    samples: 12,
    accuracy: 0.5,
    thinkingTokens: 8,
  });
  // maj@2 of two identical answers is the answer: 3 of 6; cov@2 the same.
  expect(capped?.voting).toEqual([{ k: 2, majority: 0.5, coverage: 0.5 }]);
  expect(free).toMatchObject({ config: 'max=64', accuracy: 0.5 });
  expect(free?.thinkingTokens).toBeGreaterThan(8);
  expect(free?.thinkingTokens).toBeLessThanOrEqual(64);
  // Same accuracy at both budgets: Scaling 0; both within their budgets: Control 100%.
  expect(summary.scaling.perLog2Tokens).toBe(0);
  expect(summary.control).toBe(1);
  expect(summary.performance).toBe(0.5);
}

describe('an evaluation sweep end to end', () => {
  it('should give the hand-computed report numbers through the scripted backend', async () => {
    expectHandComputedNumbers(await sweepThrough(fixtureBackend(await qwen25Tokenizer())));
  });

  it('should give the same numbers through the loopback vLLM-compatible server', async () => {
    const tokenizer = await qwen25Tokenizer();
    const server = await startVllmCompatibleServer({ model: fixtureScript(tokenizer), tokenizer });
    try {
      const backend = createOpenAICompatibleBackend({
        baseURL: server.baseURL,
        model: 's1',
        tokenizer,
      });
      const overHttp = await sweepThrough(backend);
      expectHandComputedNumbers(overHttp);
      const inProcess = await sweepThrough(fixtureBackend(tokenizer));
      expect(overHttp.configs.map((config) => config.thinkingTokens)).toEqual(
        inProcess.configs.map((config) => config.thinkingTokens),
      );
    } finally {
      await server.close();
    }
  });
});
