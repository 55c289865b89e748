import { describe, expect, it } from 'vitest';
import { gpqaChoice } from './gpqa-choice';

const reference = { fidelity: 'reference' } as const;

describe('gpqaChoice', () => {
  it('should upper-case a lone lowercase a–d in both fidelities', () => {
    for (const letter of ['a', 'b', 'c', 'd']) {
      expect(gpqaChoice(letter)).toBe(letter.toUpperCase());
      expect(gpqaChoice(letter, reference)).toBe(letter.toUpperCase());
    }
    expect(gpqaChoice('B', reference)).toBe('B');
  });

  it('should default anything else to A in reference', () => {
    for (const text of [' B', '(B)', 'e', 'E', 'AB', '', undefined])
      expect(gpqaChoice(text, reference)).toBe('A');
  });

  it('should read decorated letters and return undefined for the rest when fixed', () => {
    expect(gpqaChoice(' (b) ')).toBe('B');
    expect(gpqaChoice('\\text{C}')).toBe('C');
    expect(gpqaChoice('$\\textbf{(D)}$')).toBe('D');
    expect(gpqaChoice('**A.**')).toBe('A');
    for (const text of ['e', 'AB', 'B and C', '', undefined])
      expect(gpqaChoice(text)).toBeUndefined();
  });
});
