import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@s1/source` condition, so
// tests run on sources without a build.
// The `module` condition is left out: some packages (@opentelemetry/api) point it at ESM builds
// that Node cannot load, and externalized dependencies are loaded by Node.
const conditions = ['@s1/source', 'node', 'import', 'default'];
const resolveOnSources = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@s1/source'] } },
};

/**
 * Tests that drive whole processes or several runtimes (SIGKILL loops, a browser, models
 * compared across runtimes, training until a model learns): slow by nature, so they run in the
 * package's integration project, after the unit tests.
 */
const integrationTests = 'src/**/*.integration.test.ts';

/** The unit tests of one package: beside the code in `src/`. */
export function packageProject(name: string) {
  return defineProject({
    ...resolveOnSources,
    test: {
      name,
      include: ['src/**/*.test.ts'],
      exclude: [integrationTests],
      // Limits that catch a hang, not slowness: a loaded 2-core machine must pass every test.
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
}

/**
 * The integration tests of the package in `root`: after the unit tests (groupOrder), with limits
 * that hold however loaded the machine is.
 */
export function packageIntegrationProject(name: string, root: string) {
  return defineProject({
    ...resolveOnSources,
    test: {
      name: `${name} (integration)`,
      root,
      include: [integrationTests],
      testTimeout: 10 * 60_000,
      hookTimeout: 15 * 60_000,
      sequence: { groupOrder: 1 },
    },
  });
}
