import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@s1/source` condition.
const conditions = ['@s1/source', 'module', 'node', 'import', 'default'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@s1/source'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
  },
});
