import { defineConfig } from 'vitest/config';

// Each package is a vitest project with its own config; the `@s1/source` condition resolves
// workspace packages to their TypeScript sources, so tests need no build.
export default defineConfig({
  test: {
    // tests/: the integration checks (packed packages, a fresh clone), run after the rest.
    projects: ['packages/*', 'tests'],
  },
});
