import { readFileSync } from 'node:fs';

/**
 * TypeDoc options for one package: its entry points are the `src` files that the
 * `"@s1/source"` condition of each `exports` entry of its package.json names, so a new subpath
 * is documented without another list to keep in step.
 *
 * @param {string} configUrl `import.meta.url` of the package's `typedoc.config.mjs`
 * @param {Partial<import('typedoc').TypeDocOptions>} [options] more options for this package
 */
export function packageTypedocOptions(configUrl, options = {}) {
  const manifest = JSON.parse(readFileSync(new URL('package.json', configUrl), 'utf8'));
  const entryPoints = Object.values(manifest.exports)
    .map((target) => (typeof target === 'object' ? target['@s1/source'] : undefined))
    .filter((source) => typeof source === 'string');
  if (entryPoints.length === 0) {
    throw new Error(`${manifest.name}: no "@s1/source" entry in package.json "exports"`);
  }
  return { ...options, entryPoints };
}
