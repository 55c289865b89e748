import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { math500File } from '../../../../tooling/eval-sets';
import { createSelection } from '../pipeline/create-selection';
import { s1KAccessors } from '../s1k-accessors';
import { decontaminationStage } from './decontamination-stage';
import { difficultyStage } from './difficulty-stage';
import { domainStage } from './domain-stage';
import { missingFieldsStage } from './missing-fields-stage';
import { qualityStage } from './quality-stage';
import { samplingStage } from './sampling-stage';

// MATH-500 (the public openai/prm800k test split, MIT), the repository's copy.
const math500 = readFileSync(math500File, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => (JSON.parse(line) as { problem: string }).problem);

// Twelve seeded words from a large vocabulary: no two questions share a word 8-gram.
const longQuestion = (index: number) => {
  let state = index + 1;
  const word = () => {
    state = (state * 48271) % 2147483647;
    return `w${state % 5000}`;
  };
  return `Question ${index}: ${Array.from({ length: 12 }, word).join(' ')}?`;
};

// A pool that exercises every stage: clean questions in three domains, a missing solution, an
// [asy] figure outside AIME, a MATH-500 copy, and an exact duplicate.
const pool = [
  ...Array.from({ length: 30 }, (_, index) => ({
    question: longQuestion(index),
    solution: 'worked solution',
    source_type: index < 15 ? 'qfq/openaimath/Counting' : 'AI-MO/NuminaMath-CoT/aops_forum',
    thinking_trajectories: ['x'.repeat(100 + index * 10)],
    domain: ['Combinatorics', 'Probability', 'Geometry'][index % 3],
  })),
  {
    question: 'No solution here at all, sadly.',
    solution: null,
    source_type: 's',
    thinking_trajectories: ['t'],
    domain: 'Algebra',
  },
  {
    question: 'Find the area. [asy] draw(unitsquare); [/asy]',
    solution: '1',
    source_type: 'qfq/openaimath/Geometry',
    thinking_trajectories: ['t'],
    domain: 'Geometry',
  },
  {
    question: `Restated: ${math500[0]}`,
    solution: 's',
    source_type: 'AI-MO/NuminaMath-CoT/aops_forum',
    thinking_trajectories: ['t'],
    domain: 'Geometry',
  },
  // In its original's source: n-grams are not compared within a source; the exact dedup drops it.
  {
    question: longQuestion(3),
    solution: 's',
    source_type: 'qfq/openaimath/Counting',
    thinking_trajectories: ['t'],
    domain: 'Geometry',
  },
];

describe('the s1 stages in one selection', () => {
  it('should drop each kind of bad record at its stage and sample the rest by domain', async () => {
    const selection = createSelection({
      accessors: s1KAccessors,
      stages: [
        missingFieldsStage({ fields: ['question', 'solution', 'thinking_trajectories'] }),
        qualityStage(),
        decontaminationStage({ evalSets: [{ name: 'math500', questions: math500 }] }),
        domainStage(),
        samplingStage({ n: 9, seed: 3 }),
      ],
    });
    const run = () => selection.run(pool);
    const { selected, dropped, report } = await run();
    expect(report.counts.map(({ records }) => records)).toEqual([34, 33, 32, 30, 30, 9]);
    expect(
      dropped
        .slice(0, 4)
        .map(({ stage, reason }) => `${stage} | ${reason.split(':')[0]}`)
        .sort(),
    ).toEqual([
      'decontaminate | contaminated',
      'decontaminate | duplicate',
      'missing fields | missing',
      'quality | quality',
    ]);
    // Each pick draws one of the three domains uniformly; all three are represented.
    expect(Object.keys(report.domains).sort()).toEqual([
      'Combinatorics',
      'Geometry',
      'Probability',
    ]);
    expect(Object.values(report.domains).reduce((sum, count) => sum + count, 0)).toBe(9);
    expect((await run()).selected.map((item) => item.id)).toEqual(selected.map((item) => item.id));
  });
});

describe('difficultyStage', () => {
  it('should drop what a solver solves, say which, and keep the features of the rest', async () => {
    const rows = [
      { question: 'easy: 1 + 1', solution: '2' },
      { question: 'hard: the 10th Mersenne prime exponent', solution: '89' },
    ];
    const selection = createSelection({
      accessors: s1KAccessors,
      stages: [
        difficultyStage({
          solvers: {
            small: async (question) => (question.startsWith('easy') ? 'It is 2.' : 'It is 61.'),
            large: async () => 'It is 2.',
          },
          grader: async ({ attempt, solution }) => attempt.includes(String(solution)),
        }),
      ],
    });
    const { selected, dropped } = await selection.run(rows);
    expect(dropped.map(({ reason }) => reason)).toEqual(['solved: by small, large']);
    expect(selected[0]?.features.solvedBy).toEqual({ small: false, large: false });
  });
});
