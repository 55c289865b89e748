import type { Options } from 'tsup';

/**
 * How every package builds: ESM only (no CommonJS build, so no dual-package hazard), with
 * declarations and source maps, for the Node versions in the packages' `engines` (>=22.12).
 * CommonJS applications load these builds with `require()` (Node's require(esm)), which works as
 * long as no module in the static import graph uses top-level await: load such dependencies
 * lazily with `await import()` where they are used (the consumer test checks every entry).
 */
export function libraryBuild(entry: Options['entry'], overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    ...overrides,
  };
}
