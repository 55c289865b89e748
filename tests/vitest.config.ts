import { defineProject } from 'vitest/config';

// Integration checks (slow: npm pack and install, a fresh clone and its install). They run after
// the packages' unit tests (groupOrder), one file at a time, with generous timeouts.
export default defineProject({
  test: {
    name: 'integration',
    include: ['*.test.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});
