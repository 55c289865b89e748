import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

export default defineConfig([
  // `shims` gives the CommonJS build an import.meta.url (the tokenizer of create-tiny is resolved from it).
  libraryBuild(['src/index.ts'], { shims: true }),
  // The executable: ESM with a shebang.
  libraryBuild(['src/bin.ts'], {
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
