import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

// The tokenization worker is its own entry: the pool loads it by file URL.
export default defineConfig(
  libraryBuild({ index: 'src/index.ts', 'tokenize-worker': 'src/workers/tokenize-worker.ts' }),
);
