import { createSeededRandom } from '@s1/errors';

/** Deterministic reasoning-like records for benchmarks: numbers, LaTeX, self-corrections. */
export function syntheticRecords(count: number, thinkingCharacters: number, firstIndex = 0) {
  const random = createSeededRandom(42 + firstIndex);
  const below = (count: number) => Math.floor(random.uniform() * count);
  const sentences = [
    (a: number, b: number) => `We have $${a} \\times ${b} = ${a * b}$, so the product is ${a * b}.`,
    (a: number, b: number) => `Wait, let me re-check: ${a} + ${b} = ${a + b}, not ${a + b + 1}.`,
    (a: number) =>
      `Consider $f(x) = x^2 - ${a}x$; then $f'(x) = 2x - ${a}$ vanishes at $x = ${a / 2}$.`,
    (a: number, b: number) =>
      `Hmm, so the remainder of ${a * b + 7} modulo ${b} is ${(a * b + 7) % b}.`,
    () => 'Let me think about whether this approach generalises to every case.',
  ];
  return Array.from({ length: count }, (_, offset) => {
    const index = firstIndex + offset;
    let thinking = '';
    while (thinking.length < thinkingCharacters) {
      const sentence = sentences[below(sentences.length)] as (a: number, b: number) => string;
      thinking += `${sentence(below(90) + 10, below(9) + 2)}\n`;
    }
    return {
      question: `Problem ${index}: find the smallest $n$ such that $n^2 > ${1000 + index}$.`,
      thinking,
      answer: `The smallest such $n$ is $\\boxed{${Math.ceil(Math.sqrt(1001 + index))}}$.`,
    };
  });
}
