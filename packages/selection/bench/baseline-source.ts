import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

/**
 * The commit this package's typed-array n-gram index and lazy, pooled token counting were
 * written on: what the benchmarks measure them against.
 */
export const defaultBaseline = '09b275c2391bf4123b0dc1cae344bbfb4ca88209';

/**
 * The folder of `packages/selection/src` as it was at a git commit, so a benchmark can run the
 * code a change replaced beside the change, in one run, without keeping the old code in `src`.
 * Extracted once into node_modules/.cache, from where the workspace's packages resolve as they
 * do for `src`.
 */
export function baselineSource(ref: string): string {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const folder = join(root, 'node_modules', '.cache', 's1-selection-baseline', commit);
  const source = join(folder, 'packages', 'selection', 'src');
  if (existsSync(source)) return source;
  const scratch = `${folder}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const archive = execFileSync('git', ['archive', commit, 'packages/selection/src'], {
    cwd: root,
    maxBuffer: 2 ** 30,
  });
  execFileSync('tar', ['-x', '-C', scratch], { input: archive });
  mkdirSync(dirname(folder), { recursive: true });
  // Renamed into place whole, so an interrupted extraction is never taken for a finished one.
  renameSync(scratch, folder);
  return source;
}
