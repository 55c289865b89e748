// Integration check: the README's install on a fresh clone. Clones the committed HEAD of this
// repository (uncommitted changes are not part of it; S1_CLONE_SOURCE names another repository
// to clone), runs the README's install command, and expects `npx s1 --help` to run the workspace's
// command line (never a package from the registry), the main job (`npm run demo`, quick) to print
// its table and write its report, and the clone to stay clean.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, userEnvironment } from './run-command.ts';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this test, not by a turbo task
const source = process.env.S1_CLONE_SOURCE ?? resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 's1-fresh-clone-'));
const clone = join(work, 'clone');

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a fresh clone, installed as the README says', () => {
  it(
    'should run `npx s1 --help` and `npm run demo` after `npm install` and leave `git status` clean',
    async () => {
      await run('git', ['clone', '--quiet', source, clone], { cwd: work });
      const head = await run('git', ['log', '-1', '--format=%h %s'], { cwd: clone });
      const hint = `(the clone is the committed HEAD of ${source}, ${head.stdout.trim()}: uncommitted changes are not in it)`;
      const environment = { ...userEnvironment(), TURBO_TELEMETRY_DISABLED: '1' };
      // --yes=false: fail rather than download a package named s1 if the workspace had no such command.
      const help = await run('npm', ['install'], { cwd: clone, env: environment })
        .then(() => run('npx', ['--yes=false', 's1', '--help'], { cwd: clone, env: environment }))
        .catch((error: Error) => {
          throw new Error(`${error.message}\n${hint}`);
        });
      expect(help.stdout, hint).toContain('Usage: s1');
      // The demo's wiring, as `npm run demo` runs it, with a few steps of training: the effect
      // itself is measured by s1 demo --quick's own test (packages/cli).
      const demo = await run(
        'npm',
        ['run', 'demo', '--', '--quick', '--steps', '16', '--cache', join(work, 'cache')],
        { cwd: clone, env: environment },
      );
      expect(demo.stdout, hint).toMatch(/^budget 24 +\d+%/m);
      expect(existsSync(join(clone, 's1-demo', 'report', 'report.html')), hint).toBe(true);
      const status = await run('git', ['status', '--porcelain'], { cwd: clone });
      expect(status.stdout, hint).toBe('');
    },
    20 * 60_000,
  );
});
