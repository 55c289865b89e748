import { defineProject } from 'vitest/config';

// The examples run as a user runs them: on the built packages (`npm test` builds them first),
// so this project, unlike the packages' own, does not resolve the `@s1/source` condition.
export default defineProject({
  test: {
    name: 'examples',
    include: ['*.test.ts'],
    // Limits that catch a hang, not slowness: each example takes a few seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
