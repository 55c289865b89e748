import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import getReleasePlan from '@changesets/get-release-plan';
import parse from '@changesets/parse';

// Checks that `changeset version` can read every changeset: each file of .changeset/ parses
// (front matter "---", lines like "'@s1/x': minor", "---", then the summary), names at least
// one published package of this workspace with a major, minor or patch bump, and together they
// assemble into a release plan, the way `changeset status` and `changeset version` build it. It
// reads the files, not git, so it gives the same answer in any clone (shallow or detached too).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, '.changeset');

const published = new Set<string>();
for (const name of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', name, 'package.json');
  let parsed: { name: string; private?: boolean };
  try {
    parsed = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    continue;
  }
  if (!parsed.private) published.add(parsed.name);
}

const problems: string[] = [];
const files = readdirSync(folder).filter((file) => file.endsWith('.md') && file !== 'README.md');
for (const file of files) {
  const where = `.changeset/${file}`;
  let releases: { name: string; type: string }[];
  try {
    releases = parse(readFileSync(join(folder, file), 'utf8')).releases;
  } catch (error) {
    problems.push(`${where}: does not parse (${String(error).split('\n')[0]})`);
    continue;
  }
  if (releases.length === 0) {
    problems.push(`${where}: names no package; its front matter may have been reformatted`);
  }
  for (const { name, type } of releases) {
    if (!published.has(name)) problems.push(`${where}: ${name} is not a published package here`);
    if (!['major', 'minor', 'patch'].includes(type)) {
      problems.push(`${where}: ${name} has the bump "${type}" (major, minor or patch)`);
    }
  }
}

if (problems.length === 0) {
  try {
    const plan = await getReleasePlan(root);
    if (plan.changesets.length !== files.length) {
      problems.push(
        `the release plan holds ${plan.changesets.length} of ${files.length} changesets`,
      );
    } else {
      const releases = plan.releases.filter((release) => release.type !== 'none');
      console.log(
        `changesets: ${files.length} parse; the release plan bumps ${releases
          .map((release) => `${release.name} (${release.type})`)
          .join(', ')}`,
      );
    }
  } catch (error) {
    problems.push(`the release plan cannot be assembled: ${String(error)}`);
  }
}

if (problems.length > 0) {
  console.error(`changesets that \`changeset version\` cannot use:\n${problems.join('\n')}`);
  process.exit(1);
}
