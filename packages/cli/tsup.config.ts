import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

export default defineConfig([
  libraryBuild(['src/index.ts']),
  // The executable: ESM with a shebang.
  libraryBuild(['src/bin.ts'], {
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
