import { fileURLToPath } from 'node:url';

// Two public evaluation sets kept in the repository for tests and benchmarks; where they come
// from, their licenses and checksums: fixtures/eval-sets/README.md.

/** MATH-500 (openai/prm800k's 500-problem MATH test split), JSONL. */
export const math500File = fileURLToPath(
  new URL('../fixtures/eval-sets/math500/test.jsonl', import.meta.url),
);

/** AIME 2024 I and II, the "nofigures" variant the s1 evaluation uses, JSONL. */
export const aime24File = fileURLToPath(
  new URL('../fixtures/eval-sets/aime24/aime24_nofigures.jsonl', import.meta.url),
);

/** The SHA-256 of each file as published, checked by the tests that read them. */
export const evalSetChecksums = {
  [math500File]: '35dc41080a3680858b27fa7e0533d2d547825316fc5dafe5d316f4ccc5a06132',
  [aime24File]: '66ccede21ab71f1170c8d0d575603d6f82989a5d8e26952f9d1d4324b2e526d8',
};
