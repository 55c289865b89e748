import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@s1/source` condition, so
// tests run on sources without a build.
// The `module` condition is left out: some packages (@opentelemetry/api) point it at ESM builds
// that Node cannot load, and externalized dependencies are loaded by Node.
const conditions = ['@s1/source', 'node', 'import', 'default'];

/** The vitest project of one package: tests beside the code in `src/`. */
export function packageProject(name: string) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@s1/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts'],
      // Limits that catch a hang, not slowness: a loaded 2-core machine must pass every test.
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
}
