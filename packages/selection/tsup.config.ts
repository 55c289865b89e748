import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

// The trace-token worker is its own entry: the pool loads it by file URL.
export default defineConfig(
  libraryBuild({
    index: 'src/index.ts',
    'building-blocks': 'src/building-blocks.ts',
    'trace-tokens-worker': 'src/difficulty/trace-tokens-worker.ts',
  }),
);
