// Checks the local links of the repository's Markdown: every linked file must exist and every
// `#anchor` must name a heading of its file (in the same file or another one). Checked: README.md,
// docs/**/*.md (not the generated API reference in docs/api/), packages/*/README.md and
// examples/**/*.md. Offline: links to http(s) URLs are not fetched, only local paths are checked.
// Prints `file:line:col message` for each problem and exits 1 when there is one.
//
//   npx tsx tooling/check-doc-links.ts
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remark } from 'remark';
import remarkValidateLinks from 'remark-validate-links';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const generated = join(root, 'docs', 'api');

type FileSet = NonNullable<Parameters<typeof remarkValidateLinks>[1]>;
type Completer = (set: FileSet) => Promise<void>;
type File = Awaited<ReturnType<ReturnType<typeof remark>['process']>>;

/** Markdown files under `folder`, recursively, without dependencies and build output. */
async function markdownFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(
    entries.map(async (entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        const skipped = ['node_modules', 'dist', '.turbo'].includes(entry.name);
        return skipped || path === generated ? [] : markdownFilesIn(path);
      }
      return entry.name.endsWith('.md') ? [path] : [];
    }),
  );
  return files.flat();
}

async function checkedFiles(): Promise<string[]> {
  const packages = await readdir(join(root, 'packages'), { withFileTypes: true });
  const readmes = packages
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name, 'README.md'));
  const candidates = [
    join(root, 'README.md'),
    ...(await markdownFilesIn(join(root, 'docs'))),
    ...readmes,
    ...(await markdownFilesIn(join(root, 'examples'))),
  ];
  const present = await Promise.all(
    candidates.map((path) =>
      readFile(path, 'utf8').then(
        () => path,
        () => undefined,
      ),
    ),
  );
  return present.filter((path) => path !== undefined).sort();
}

// remark-validate-links checks headings in other files only under unified-engine, which hands
// it a set of files to add linked Markdown to and to check once all are read; this is that set.
const files: File[] = [];
const completers: Completer[] = [];
const pending: string[] = [];
const fileSet = {
  use(completer: Completer) {
    completers.push(completer);
  },
  add(file: { path: string }) {
    pending.push(resolve(root, file.path));
  },
  valueOf: () => files,
} as unknown as FileSet;

const processor = remark().use(remarkValidateLinks, { repository: false, root }, fileSet);
const read = new Set<string>();
async function check(path: string): Promise<void> {
  if (read.has(path)) return;
  read.add(path);
  const value = await readFile(path, 'utf8').catch(() => undefined);
  // A linked file that is missing is reported by the file linking to it.
  if (value === undefined || !path.endsWith('.md')) return;
  files.push(await processor.process({ cwd: root, path: relative(root, path), value }));
}

const checked = await checkedFiles();
for (const path of checked) await check(path);
// Linked Markdown outside the checked files is read for its headings, not checked itself.
while (pending.length > 0) await check(pending.shift() as string);
for (const complete of completers) await complete(fileSet);

const inScope = new Set(checked.map((path) => relative(root, path)));
const problems = files
  .filter((file) => inScope.has(file.path))
  .flatMap((file) =>
    file.messages.map(
      (message) => `${file.path}:${message.line ?? 1}:${message.column ?? 1} ${message.reason}`,
    ),
  );
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} broken link${problems.length === 1 ? '' : 's'} in Markdown`);
  process.exitCode = 1;
}
