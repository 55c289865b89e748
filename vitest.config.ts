import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { packageIntegrationProject } from './tooling/vitest-project.ts';

const packages = readdirSync('packages').filter((name) =>
  existsSync(`packages/${name}/vitest.config.ts`),
);

// Each package is a vitest project with its own config; the `@s1/source` condition resolves
// workspace packages to their TypeScript sources, so tests need no build.
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      // Each package's slow tests (`*.integration.test.ts`), after the unit tests of all.
      ...packages.map((name) => packageIntegrationProject(name, `packages/${name}`)),
      // tests/: the integration checks of the whole (packed packages, a fresh clone).
      'tests',
      'examples', // examples/: each example run as a user runs it, on the built packages
    ],
  },
});
