import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeWithPython } from './python-tools';

/**
 * Registers a test that runs a Python golden-fixture script with `--check` and expects it to say
 * the fixture is up to date. It needs python3 with `modules`: skipped where they are missing,
 * failing in CI.
 */
export function testGoldenFreshness({
  script,
  cwd,
  modules = [],
}: {
  script: string;
  cwd: string;
  modules?: readonly string[];
}): void {
  describeWithPython(modules, `${script} freshness`, () => {
    it(`should be what ${script} writes now`, () => {
      const check = spawnSync('python3', [script, '--check'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      expect(check.stdout + check.stderr).toMatch(/up to date/);
      expect(check.status).toBe(0);
    });
  });
}

/** What a fixture script that cannot run in CI records beside its fixture when it writes it. */
interface SourceRecord {
  /** The script, from the repository root. */
  script: string;
  /** How to rerun it. */
  command: string;
  /** The SHA-256 of the script, its inputs and its outputs, by path from the repository root. */
  sha256: Record<string, string>;
}

const repositoryRoot = new URL('../', import.meta.url);

/**
 * For a fixture whose tool is not in CI (pyarrow): registers tests that fail when its script, an
 * input or an output changed since the script last wrote the fixture and `record`, so that the
 * fixture is never older than its script. Needs no Python.
 */
export function testRecordedSources(record: URL): void {
  const { script, command, sha256 } = JSON.parse(readFileSync(record, 'utf8')) as SourceRecord;
  describe(`the fixture ${script} wrote`, () => {
    it('should record the script itself', () => {
      expect(Object.keys(sha256)).toContain(script);
    });

    it.each(Object.entries(sha256))('should find %s as the script left it', (path, hash) => {
      const file = fileURLToPath(new URL(path, repositoryRoot));
      const current = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(current, `${path} changed since ${script} last ran: ${command}`).toBe(hash);
    });
  });
}
