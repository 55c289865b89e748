// The API reference: `npm run docs` renders every package's public API, one page per package
// (each subpath of its package.json "exports" a module on it), into docs/api/ (ignored by git).
// Each package's entry points are the "@s1/source" files of its exports (see
// tooling/typedoc-entry-points.mjs, read by packages/*/typedoc.config.mjs).

const validation = { notExported: true, invalidLink: true, notDocumented: true };

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 's1 SDK',
  entryPointStrategy: 'packages',
  entryPoints: ['packages/*'],
  out: 'docs/api',
  // The landing page: what the reference is and which entry points each package has.
  readme: 'docs/api-reference.md',
  logLevel: 'Warn',
  treatWarningsAsErrors: true,
  validation,
  // Each package is converted with these options alone (the root's are not inherited).
  packageOptions: {
    excludeInternal: true,
    excludePrivate: true,
    validation,
    // A clone need not have a git remote (CI checkouts, a clone of a local path), and without one
    // TypeDoc warns; source links point at the file in the clone instead, from the pages
    // three levels down (docs/api/<kind>/<page>.html) where sources are shown. Paths are from the
    // repository root (`displayBasePath` is resolved from each package's folder).
    displayBasePath: '../..',
    disableGit: true,
    sourceLinkTemplate: '../../../{path}#L{line}',
  },
};
