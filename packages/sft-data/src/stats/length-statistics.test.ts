import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { formatS1 } from '../format/format-s1';
import { ignoreIndex } from '../tokenize/completion-only-labels';
import { tokenizeForSft } from '../tokenize/tokenize-for-sft';
import { exampleLengths } from './example-lengths';
import { formatStatisticsTable, lengthStatistics } from './length-statistics';

describe('exampleLengths', () => {
  it('should split the tokens where the loss mask and the end-of-thinking delimiter split them', async () => {
    const tokenizer = await qwen25Tokenizer();
    const record = {
      question: 'Why?',
      thinking: 'Because 17 × 3 = 51 — check: 50 + 1.',
      answer: '51',
    };
    const lengths = exampleLengths(record, tokenizer);
    const { inputIds, labels } = tokenizeForSft(formatS1(record), tokenizer);
    expect(lengths.totalTokens).toBe(inputIds.length);
    expect(lengths.promptTokens).toBe(labels.findIndex((label) => label !== ignoreIndex));
    const answerStart = lengths.promptTokens + lengths.thinkingTokens;
    expect(tokenizer.decode(inputIds.slice(answerStart))).toBe(
      '<|im_start|>answer\nAnswer: 51<|im_end|>\n',
    );
    expect(lengths.promptTokens + lengths.thinkingTokens + lengths.answerTokens).toBe(
      lengths.totalTokens,
    );
  });
});

describe('lengthStatistics', () => {
  const sample = (promptTokens: number, thinkingTokens: number, answerTokens: number) => ({
    promptTokens,
    thinkingTokens,
    answerTokens,
    totalTokens: promptTokens + thinkingTokens + answerTokens,
  });

  it('should count samples cut off, answer tokens lost and thinking ends lost per block size', () => {
    // Totals 100, 1,050, 5,000; answers start at 90, 1,000, 4,600.
    const stats = lengthStatistics(
      [sample(40, 50, 10), sample(40, 960, 50), sample(100, 4_500, 400)],
      [1_000, 4_096],
    );
    expect(stats.cutoffs).toEqual([
      { blockSize: 1_000, cutOff: 2, share: 2 / 3, answerTokensLost: 50 + 400, thinkingEndLost: 2 },
      { blockSize: 4_096, cutOff: 1, share: 1 / 3, answerTokensLost: 400, thinkingEndLost: 1 },
    ]);
    expect(stats.total).toMatchObject({ min: 100, median: 1_050, max: 5_000, mean: 6_150 / 3 });
    expect(stats.total.p25).toBe(575); // NumPy: np.percentile([100, 1050, 5000], 25)
    expect(formatStatisticsTable(stats)).toContain('2 (66.7%)');
  });
});
