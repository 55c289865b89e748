import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

export default defineConfig([
  libraryBuild(['src/index.ts']),
  // The command line's code; the executable is bin/s1.js, committed, which imports it.
  libraryBuild(['src/bin.ts'], { dts: false, clean: false }),
]);
