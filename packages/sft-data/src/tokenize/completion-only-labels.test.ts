import { describe, expect, it } from 'vitest';
import { completionOnlyLabels } from './completion-only-labels';

// Ids chosen by hand: instruction [1, 2], response [3, 4, 5], pad 0.
const templates = { instructionIds: [1, 2], responseIds: [3, 4, 5], padTokenId: 0 };
const x = -100;

describe('completionOnlyLabels (TRL DataCollatorForCompletionOnlyLM, S1-SPEC §1.4)', () => {
  it('should mask everything up to the end of the response template in a single turn', () => {
    expect(completionOnlyLabels([9, 9, 1, 2, 7, 3, 4, 5, 8, 8], templates)).toEqual({
      labels: [x, x, x, x, x, x, x, x, 8, 8],
    });
  });

  it('should train both assistant turns and mask the second instruction up to its response', () => {
    const ids = [9, 1, 2, 7, 3, 4, 5, 8, 1, 2, 7, 3, 4, 5, 6, 6];
    expect(completionOnlyLabels(ids, templates).labels).toEqual([
      x,
      x,
      x,
      x,
      x,
      x,
      x,
      8,
      x,
      x,
      x,
      x,
      x,
      x,
      6,
      6,
    ]);
  });

  it('should pair a response that comes before any instruction with position 0', () => {
    const ids = [3, 4, 5, 8, 1, 2, 7, 3, 4, 5, 6];
    expect(completionOnlyLabels(ids, templates).labels).toEqual([x, x, x, 8, x, x, x, x, x, x, 6]);
  });

  it('should mask everything after a last instruction that has no response', () => {
    const ids = [1, 2, 7, 3, 4, 5, 8, 1, 2, 7];
    expect(completionOnlyLabels(ids, templates).labels).toEqual([x, x, x, x, x, x, 8, x, x, x]);
  });

  it('should mask every label and warn when the response template never occurs', () => {
    const result = completionOnlyLabels([1, 2, 7, 3, 4, 8], templates);
    expect(result.labels).toEqual([x, x, x, x, x, x]);
    expect(result.warning).toMatch(/response template does not occur/);
  });

  it('should mask every label and warn when the instruction template never occurs', () => {
    const result = completionOnlyLabels([7, 3, 4, 5, 8], templates);
    expect(result.labels).toEqual([x, x, x, x, x]);
    expect(result.warning).toMatch(/instruction template does not occur/);
  });

  it('should mask the pad id wherever it occurs, as the collator masks padding by value', () => {
    expect(completionOnlyLabels([1, 2, 3, 4, 5, 8, 0, 8], templates).labels).toEqual([
      x,
      x,
      x,
      x,
      x,
      8,
      x,
      8,
    ]);
  });
});
