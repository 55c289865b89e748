import { describe, expect, it } from 'vitest';
import {
  expectedFeatures,
  fixtureAccessors,
  fixtureItems,
  fixtureRows,
  solverAnswers,
} from '../../test-utils/difficulty-fixture';
import { difficultyFeatures } from './difficulty-features';
import type { Grader, Solver } from './solver-types';

const tableSolver =
  (answers: readonly string[]): Solver =>
  async (question) =>
    `The answer is ${answers[fixtureRows.findIndex((row) => row.question === question)]}.`;
const containsAnswer: Grader = async ({ attempt, solution }) =>
  solution === null || solution === undefined ? null : attempt.includes(`is ${solution}.`);

describe('difficultyFeatures', () => {
  it('should grade every solver on every item with any functions, in item order', async () => {
    const features = await difficultyFeatures(fixtureItems, {
      solvers: {
        qwen7b: tableSolver(solverAnswers.qwen7b),
        qwen32b: tableSolver(solverAnswers.qwen32b),
      },
      grader: containsAnswer,
      accessors: fixtureAccessors,
    });
    expect(features).toEqual(expectedFeatures);
  });

  it('should keep to the concurrency and make no call for an item without an answer', async () => {
    let running = 0;
    let mostRunning = 0;
    const questions: string[] = [];
    const slowSolver: Solver = async (question) => {
      questions.push(question);
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return 'The answer is 0.';
    };
    const features = await difficultyFeatures(fixtureItems, {
      solvers: { a: slowSolver, b: slowSolver },
      grader: containsAnswer,
      accessors: fixtureAccessors,
      concurrency: 3,
    });
    expect(mostRunning).toBe(3);
    expect(questions).toHaveLength((fixtureItems.length - 1) * 2);
    expect(features[3]).toEqual({ solvedBy: { a: null, b: null } });
  });

  it('should fail when a solver fails', async () => {
    const run = difficultyFeatures(fixtureItems, {
      solvers: { broken: () => Promise.reject(new Error('server down')) },
      grader: containsAnswer,
      accessors: fixtureAccessors,
    });
    await expect(run).rejects.toThrow('server down');
  });
});
