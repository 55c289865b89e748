import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { extractAnswer } from './extract-answer';
import { MalformedBoxError } from './malformed-box-error';

const reference = { fidelity: 'reference' } as const;

describe('extractAnswer segment (both fidelities)', () => {
  it('should keep the text after the last answer header', () => {
    const text = '<|im_start|>answer\nAnswer: 1\n<|im_start|>answer\n\\boxed{2}';
    expect(extractAnswer(text)).toEqual({ answer: '2', source: 'boxed', segment: '\\boxed{2}' });
    expect(extractAnswer(text, reference).answer).toBe('2');
  });

  it('should drop the role line after the last <|im_start|> when there is no answer header', () => {
    const text = '\\boxed{1}<|im_start|>assistant\nThe answer is \\boxed{5}';
    expect(extractAnswer(text, reference)).toEqual({
      answer: '5',
      source: 'boxed',
      segment: 'The answer is \\boxed{5}',
    });
  });

  it('should keep a one-line segment after <|im_start|> whole', () => {
    expect(extractAnswer('\\boxed{1}<|im_start|>\\boxed{9}', reference).answer).toBe('9');
  });

  it('should grade the whole response without any header', () => {
    expect(extractAnswer('no answer here', reference)).toEqual({
      answer: undefined,
      source: 'none',
      segment: 'no answer here',
    });
  });
});

describe('extractAnswer boxed rule', () => {
  it('should prefer the last box over an Answer: label', () => {
    const text = 'Answer: 3\nwait, \\boxed{4} and finally $\\boxed{\\frac{1}{2}}$.';
    expect(extractAnswer(text, reference).answer).toBe('\\frac{1}{2}');
    expect(extractAnswer(text).answer).toBe('\\frac{1}{2}');
  });

  it('should let a "\\boxed " (space) anywhere win in reference, up to the first $', () => {
    const text = 'first $\\boxed 7$ then \\boxed{8}';
    expect(extractAnswer(text, reference).answer).toBe('7');
    expect(extractAnswer(text).answer).toBe('8');
  });

  it('should fall back to the label when the box never closes', () => {
    const text = 'Answer: 12\n\\boxed{\\frac{1}{2}';
    expect(extractAnswer(text, reference)).toMatchObject({
      answer: '12\n\\boxed{\\frac{1}{2}',
      source: 'answer-label',
    });
    expect(extractAnswer(text)).toMatchObject({ answer: '12', source: 'answer-label' });
  });

  it('should throw MalformedBoxError on an \\fbox hit in reference, and unwrap it when fixed', () => {
    expect(() => extractAnswer('so \\fbox{42}', reference)).toThrow(MalformedBoxError);
    expect(extractAnswer('so \\fbox{42}')).toMatchObject({ answer: '42', source: 'boxed' });
  });

  it('should trim the box content and a trailing period only when fixed', () => {
    expect(extractAnswer('\\boxed{ 5. }', reference).answer).toBe(' 5. ');
    expect(extractAnswer('\\boxed{ 5. }').answer).toBe('5');
  });
});

describe('extractAnswer answer-label rule', () => {
  it('should capture everything after the FIRST label in reference, unstripped', () => {
    const text = 'Answer: 3\nHmm, no.\nFinal Answer: 4 ';
    expect(extractAnswer(text, reference)).toMatchObject({
      answer: '3\nHmm, no.\nFinal Answer: 4 ',
      source: 'answer-label',
    });
  });

  it('should read the last label line when fixed', () => {
    expect(extractAnswer('Answer: 3\nHmm, no.\nFinal Answer: $4$.\nDone').answer).toBe('4');
  });

  it('should skip whitespace and newlines after the colon in reference', () => {
    expect(extractAnswer('answer :\n\n 10', reference).answer).toBe('10');
    expect(extractAnswer('ANSWER:\n\n10 is it').answer).toBe('10 is it');
  });

  it('should use Python whitespace and case folding in reference', () => {
    // U+001F is Python whitespace but not JavaScript's; U+FEFF is the opposite.
    expect(extractAnswer('Answer:\u001f5', reference).answer).toBe('5');
    expect(extractAnswer('Answer:\ufeff5', reference).answer).toBe('\ufeff5');
    // Python's IGNORECASE matches the long s (U+017F) with "s".
    expect(extractAnswer('Anſwer: 6', reference).answer).toBe('6');
  });

  it('should match the label inside "Final Answer:" and after bold markers', () => {
    expect(extractAnswer('**Final Answer:** 12').answer).toBe('12');
    expect(extractAnswer('**Final Answer**: 12').answer).toBe('12');
    expect(extractAnswer('**Final Answer:** 12', reference).answer).toBe('** 12');
  });

  it('should return an empty answer for a label with nothing after it', () => {
    expect(extractAnswer('Answer:', reference).answer).toBe('');
    expect(extractAnswer('Answer:  \n ').answer).toBe('');
  });
});

describe('extractAnswer options', () => {
  it('should reject an unknown fidelity', () => {
    expect(() => extractAnswer('x', { fidelity: 'exact' as never })).toThrow(InvalidArgumentError);
  });
});
