import type { Options } from 'tsup';

/** How every package builds: ESM and CJS, declarations and source maps, for Node 20. */
export function libraryBuild(entry: Options['entry'], overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    ...overrides,
  };
}
