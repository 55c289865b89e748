import { describe, expect, it } from 'vitest';
import {
  domainClassifierSystemPrompt,
  domainClassifierUserPrompt,
  rubricEntry,
} from './classifier-prompt';
import { msc2020Domains } from './msc-2020';

describe('domain classifier prompt', () => {
  it("should lay out a rubric entry as s1's msc.json does", () => {
    expect(rubricEntry({ code: '05', title: 'Combinatorics', description: 'a; b' })).toBe(
      '### Combinatorics\n* Code: 05\n* Description: a; b',
    );
  });

  it('should put the question first, then all 61 rubrics separated by blank lines', () => {
    const prompt = domainClassifierUserPrompt('What is 2 + 2?');
    expect(
      prompt.startsWith('## Question\nWhat is 2 + 2?\n\n## Classification rubrics\n### '),
    ).toBe(true);
    const rubrics = prompt.slice(prompt.indexOf('### '));
    expect(rubrics.split('\n\n')).toEqual(msc2020Domains.map(rubricEntry));
  });

  it('should ask for the two-digit code on a new line at the end', () => {
    expect(domainClassifierSystemPrompt).toMatch(/end your response on a new line/);
    expect(domainClassifierSystemPrompt).toMatch(/two-digit code/);
  });
});
