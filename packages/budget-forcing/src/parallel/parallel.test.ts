import { describe, expect, it } from 'vitest';
import { majorityVote } from './majority-vote';
import { sampleN } from './sample-n';
import { votingCurve } from './voting-curve';

describe('majorityVote', () => {
  it('should break ties by the answer seen first, like Counter.most_common', () => {
    expect(majorityVote(['7', '5', '5', '7']).answer).toBe('7');
    expect(majorityVote(['5', '7', '7', '5']).answer).toBe('5');
  });

  it('should count normalized answers together and return the first spelling', () => {
    const vote = majorityVote([' 12', '7', '12 ', '12'], { normalize: (answer) => answer.trim() });
    expect(vote).toEqual({ answer: ' 12', votes: 3, total: 4, skipped: 0 });
  });

  it('should report samples without an answer as skipped', () => {
    expect(majorityVote([undefined, '3', undefined])).toEqual({
      answer: '3',
      votes: 1,
      total: 1,
      skipped: 2,
    });
    expect(majorityVote([undefined]).answer).toBeUndefined();
  });
});

describe('votingCurve', () => {
  it('should give maj@k and cov@k at powers of two over the samples in order', () => {
    const samples = [
      { answer: '5', correct: false },
      { answer: '7', correct: true },
      { answer: '5', correct: false },
      { answer: '7', correct: true },
      { answer: '7', correct: true },
      { answer: '9', correct: false },
      { answer: '9', correct: false },
      { answer: '9', correct: false },
    ];
    expect(votingCurve(samples)).toEqual([
      { k: 2, majority: 0, coverage: 1 },
      { k: 4, majority: 0, coverage: 1 },
      { k: 8, majority: 1, coverage: 1 },
    ]);
  });
});

describe('sampleN', () => {
  it('should run with bounded concurrency and keep index order', async () => {
    let running = 0;
    let peak = 0;
    const results = await sampleN({
      n: 10,
      concurrency: 3,
      run: async (index) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, (10 - index) * 2));
        running--;
        return index * index;
      },
    });
    expect(results).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(peak).toBe(3);
  });
});
