import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Registers a test that runs a Python golden-fixture script with `--check` and expects it to say
 * the fixture is up to date; skipped where python3 with jinja2 is missing.
 */
export function testGoldenFreshness({ script, cwd }: { script: string; cwd: string }): void {
  const python = spawnSync('python3', ['-c', 'import jinja2'], { encoding: 'utf8' });
  describe.skipIf(python.status !== 0)(`${script} freshness (needs python3 with jinja2)`, () => {
    it(`should be what ${script} writes now`, () => {
      const check = spawnSync('python3', [script, '--check'], { cwd, encoding: 'utf8' });
      expect(check.stdout + check.stderr).toMatch(/up to date/);
      expect(check.status).toBe(0);
    });
  });
}
